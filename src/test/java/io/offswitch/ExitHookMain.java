package io.offswitch;

import java.nio.file.Files;
import java.nio.file.Path;

/** A JVM for {@link JvmExitTest}: a quick cleanup that leaves a file, then one that never returns. */
public final class ExitHookMain {
    private ExitHookMain() {}

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[0]);
        JvmExit.onUnfinishedCleanup(message -> System.err.println("offswitch: " + message));
        JvmExit.onExit(() -> {
            try {
                Files.writeString(marker, "cleaned");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // Like a sandbox close stuck behind an episode thread that can never run again.
        JvmExit.onExit(() -> {
            Object never = new Object();
            synchronized (never) {
                while (true) {
                    try {
                        never.wait();
                    } catch (InterruptedException e) {
                        // keeps waiting, as a stuck cleanup would
                    }
                }
            }
        });
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
