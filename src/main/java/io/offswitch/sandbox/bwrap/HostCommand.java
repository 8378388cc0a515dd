package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short host command (mount, umount) and fails loudly with its output. */
final class HostCommand {
    private HostCommand() {}

    static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SandboxException("timed out: " + String.join(" ", command));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new SandboxException("`" + String.join(" ", command) + "` failed (exit " + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + command.getFirst(), e);
        }
    }
}
