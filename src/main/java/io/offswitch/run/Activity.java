package io.offswitch.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a run last moved: an episode started or finished, a model replied, a command returned. The
 * run's stall watchdog reads it to say on stderr that nothing has moved for a long time, instead of
 * waiting silently. Thread-safe and cheap: episodes touch it on every turn.
 */
public final class Activity {
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

    /** Something moved just now. */
    public void touch() {
        lastNanos.set(System.nanoTime());
    }

    /** How long since anything moved. */
    public Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastNanos.get());
    }
}
