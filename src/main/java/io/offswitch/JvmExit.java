package io.offswitch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One shutdown hook for the whole harness, so that the order on Ctrl-C or SIGTERM is fixed: first
 * everyone can see that the process is exiting (a run stops storing episodes, whose sandboxes are
 * about to be killed, so a resume reruns them), then the cleanups run (sandboxes are destroyed).
 */
public final class JvmExit {
    private static volatile boolean exiting;
    private static final List<Runnable> CLEANUPS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JvmExit::run, "offswitch-exit"));
    }

    private JvmExit() {}

    public static boolean exiting() {
        return exiting;
    }

    /** Registers an action to run when the JVM exits, after {@link #exiting()} has become true. */
    public static void onExit(Runnable cleanup) {
        CLEANUPS.add(cleanup);
    }

    private static void run() {
        exiting = true;
        for (Runnable cleanup : CLEANUPS) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // One failed cleanup must not stop the others.
            }
        }
    }
}
