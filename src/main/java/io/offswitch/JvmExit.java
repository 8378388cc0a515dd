package io.offswitch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One shutdown hook for the whole harness, so that the order on Ctrl-C or SIGTERM is fixed: first
 * everyone can see that the process is exiting (a run stops storing episodes, whose sandboxes are
 * about to be killed, so a resume reruns them), then the cleanups run (sandboxes are destroyed).
 *
 * <p>The hook ends in bounded time whatever the episode threads are doing: the cleanups run on a
 * thread of their own and the hook stops waiting for them after {@link #CLEANUP_DEADLINE}. A cleanup
 * stuck behind an episode thread that can never run again (issue 15: a hung run ignored SIGTERM
 * because its hook waited for sandbox starts that could not finish) then no longer keeps the process
 * alive; what it left is removed by the next run or `offswitch doctor --cleanup`.
 */
public final class JvmExit {
    /** 25 s; the system property offswitch.exit-cleanup-seconds changes it (tests use a short one). */
    public static final Duration CLEANUP_DEADLINE = Duration.ofSeconds(Long.getLong("offswitch.exit-cleanup-seconds", 25));

    private static volatile boolean exiting;
    private static final List<Runnable> CLEANUPS = new CopyOnWriteArrayList<>();
    private static volatile Consumer<String> unfinishedNotice = message -> {};

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

    /** Who hears, at exit, that the cleanups did not finish in time (the CLI prints it). */
    public static void onUnfinishedCleanup(Consumer<String> notice) {
        unfinishedNotice = notice;
    }

    private static void run() {
        exiting = true;
        Thread cleanups = Thread.ofPlatform().name("offswitch-exit-cleanups").daemon(true).unstarted(JvmExit::runCleanups);
        cleanups.start();
        try {
            cleanups.join(CLEANUP_DEADLINE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cleanups.isAlive()) {
            unfinishedNotice.accept("cleanup did not finish within " + CLEANUP_DEADLINE.toSeconds() + " s; exiting anyway."
                    + " `offswitch doctor --cleanup` (or the next run) removes the sandboxes left behind.");
        }
    }

    private static void runCleanups() {
        for (Runnable cleanup : CLEANUPS) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // One failed cleanup must not stop the others.
            }
        }
    }
}
