package io.offswitch.run;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Tells the listener when a run has not moved for a long time. It runs on a platform thread of its
 * own, so it still speaks when every virtual-thread carrier is stuck (the hang of issue 15 was silent
 * for 37 minutes). It only reports; deciding to stop is the user's.
 */
final class StallWatchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Activity activity;
    private final Duration threshold;
    private final IntSupplier inFlight;
    private final RunListener listener;
    /** The idle time at which the next warning is due; grows by the threshold after each warning. */
    private Duration nextWarning;

    StallWatchdog(Activity activity, Duration threshold, IntSupplier inFlight, RunListener listener) {
        this.activity = activity;
        this.threshold = threshold;
        this.inFlight = inFlight;
        this.listener = listener;
        this.nextWarning = threshold;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Thread.ofPlatform().name("run-stall-watchdog").daemon(true).unstarted(r);
            return t;
        });
        long period = Math.max(50, Math.min(10_000, threshold.toMillis() / 4));
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        Duration idle = activity.idle();
        if (idle.compareTo(threshold) < 0) {
            nextWarning = threshold;
            return;
        }
        if (idle.compareTo(nextWarning) >= 0) {
            nextWarning = nextWarning.plus(threshold);
            try {
                listener.stalled(idle, inFlight.getAsInt());
            } catch (RuntimeException e) {
                // A listener that fails must not stop later warnings.
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
