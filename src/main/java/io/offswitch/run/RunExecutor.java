package io.offswitch.run;

import io.offswitch.ExitCode;
import io.offswitch.JvmExit;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.EpisodeStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Walks a plan on virtual threads, at most {@code concurrency} episodes at a time. Each finished
 * episode is saved before anyone hears of it, so a crash loses only episodes in flight; episodes
 * already in the store are skipped, so running a plan again resumes it. The first failure (an
 * episode that cannot be stored) stops the run: no new episode starts, those in flight finish.
 */
public final class RunExecutor {
    /** How long a run may show no movement at all before it says so on stderr. */
    public static final Duration DEFAULT_STALL_WARNING = Duration.ofMinutes(3);

    private final Function<PlannedEpisode, EpisodeRecord> runner;
    private final Consumer<PlannedEpisode> warmUp;
    private final Activity activity;
    private final EpisodeStore store;
    private final int concurrency;
    private Duration stallWarning = DEFAULT_STALL_WARNING;

    public RunExecutor(EpisodeRunner runner, EpisodeStore store, int concurrency) {
        this(runner::run, runner::warmUp, runner.activity(), store, concurrency);
    }

    RunExecutor(Function<PlannedEpisode, EpisodeRecord> runner, EpisodeStore store, int concurrency) {
        this(runner, episode -> {}, new Activity(), store, concurrency);
    }

    RunExecutor(Function<PlannedEpisode, EpisodeRecord> runner, Consumer<PlannedEpisode> warmUp, Activity activity, EpisodeStore store, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.runner = runner;
        this.warmUp = warmUp;
        this.activity = activity;
        this.store = store;
        this.concurrency = concurrency;
    }

    /** Sets how long the run may show no movement before the listener hears {@link RunListener#stalled}. */
    public RunExecutor stallWarningAfter(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the stall warning threshold must be positive, got " + threshold);
        }
        this.stallWarning = threshold;
        return this;
    }

    /**
     * Runs what is left of the plan; returns how many episodes ran now (not counting skipped ones).
     *
     * @throws IllegalStateException after the episodes in flight have finished, when one could not be
     *     stored (or the listener failed); its cause is the first failure
     */
    public int execute(RunPlan plan, RunListener listener) throws InterruptedException {
        return execute(plan, listener, () -> Optional.empty());
    }

    /**
     * The same, checking {@code budget} before each episode starts: once it gives a reason, no new
     * episode starts (those in flight finish) and the listener hears why.
     */
    public int execute(RunPlan plan, RunListener listener, Supplier<Optional<String>> budget) throws InterruptedException {
        Set<String> done = store.finishedKeys(plan.runId());
        List<PlannedEpisode> todo = plan.episodes().stream().filter(e -> !done.contains(e.key().id())).toList();
        if (!todo.isEmpty()) {
            // On this (platform) thread, before any episode thread exists: see Warmup.
            warmUp.accept(todo.getFirst());
        }
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<RunStoppedException> refused = new AtomicReference<>();
        AtomicReference<PlannedEpisode> failedEpisode = new AtomicReference<>();
        activity.touch();
        try (StallWatchdog watchdog = new StallWatchdog(activity, stallWarning, inFlight::get, listener);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlannedEpisode episode : todo) {
                slots.acquire();
                if (failure.get() != null || refused.get() != null) {
                    slots.release();
                    break;
                }
                Optional<String> spent = budget.get();
                if (spent.isPresent()) {
                    slots.release();
                    listener.stopped(spent.get());
                    break;
                }
                inFlight.incrementAndGet();
                threads.submit(() -> {
                    try {
                        activity.touch();
                        listener.started(episode);
                        EpisodeRecord record = runner.apply(episode);
                        activity.touch();
                        // While the JVM exits, sandboxes are destroyed under their episodes: those are
                        // not results, so they are not stored and a resume reruns them.
                        if (!JvmExit.exiting()) {
                            store.save(record);
                            ran.incrementAndGet();
                            listener.finished(record);
                        }
                    } catch (RunStoppedException e) {
                        // Not a result: nothing is stored, and the loop starts no further episode.
                        refused.compareAndSet(null, e);
                    } catch (RuntimeException | Error e) {
                        // Recorded before the slot is released, so the loop sees it before starting another episode.
                        if (failure.compareAndSet(null, e)) {
                            failedEpisode.set(episode);
                        }
                    } finally {
                        inFlight.decrementAndGet();
                        slots.release();
                    }
                });
            }
        } // close() waits for the episodes in flight
        if (refused.get() != null) {
            throw new OffswitchException(ExitCode.MODEL_REFUSED, refused.get().getMessage() + "\nThe run stopped: no further episode was started,"
                    + " and the episodes this refusal ended were not stored; " + ran.get() + " episode(s) were stored by this invocation."
                    + " Fix the key or the model name and run the same command again to resume.");
        }
        Throwable first = failure.get();
        if (first != null) {
            throw new IllegalStateException("run " + plan.runId() + " stopped: episode " + failedEpisode.get().key().id()
                    + " could not be stored (" + first.getMessage() + "); " + ran.get() + " episode(s) were stored by this invocation."
                    + " Fix the cause and run the same command again to resume.", first);
        }
        return ran.get();
    }
}
