package io.offswitch.run;

import io.offswitch.ExitCode;
import io.offswitch.JvmExit;
import io.offswitch.episode.Outcome;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.Claim;
import io.offswitch.store.ClaimOwner;
import io.offswitch.store.EpisodeStore;
import java.time.Duration;
import java.util.ArrayList;
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
    /** Claims are renewed this often, and another machine's claim silent for CLAIM_STALE_AFTER is taken over. */
    static final Duration CLAIM_HEARTBEAT = Duration.ofSeconds(30);
    /** How long an error record waits before it is stored, so an error caused by the JVM's own exit is not. */
    static final Duration ERROR_SETTLE = Duration.ofMillis(500);
    static final Duration CLAIM_STALE_AFTER = Duration.ofMinutes(2);
    /** How often a process that waits for episodes held by another one looks again. */
    static final Duration OTHERS_POLL = Duration.ofSeconds(1);

    private final ClaimOwner owner = ClaimOwner.current();
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
     *
     * <p>Several processes may run one plan on one store at once (the same command started twice, or
     * workers sharing a run): each episode is claimed in the store before it starts, so it runs once.
     * Episodes another live process holds are left to it; this one waits for them, and takes over those
     * whose process is gone, so that when it returns the plan is done or stopped for a reason.
     */
    public int execute(RunPlan plan, RunListener listener, Supplier<Optional<String>> budget) throws InterruptedException {
        Set<String> done = store.finishedKeys(plan.runId());
        List<PlannedEpisode> todo = plan.episodes().stream().filter(e -> !done.contains(e.key().id())).toList();
        if (!todo.isEmpty()) {
            // On this (platform) thread, before any episode thread exists: see Warmup.
            // A model's episode if the run has one, since only those need the model classes warmed.
            warmUp.accept(todo.stream().filter(e -> !e.agent().scripted()).findFirst().orElse(todo.getFirst()));
        }
        Shared shared = new Shared(plan.runId(), listener);
        activity.touch();
        try (StallWatchdog watchdog = new StallWatchdog(activity, stallWarning, shared.inFlight::get, listener);
                ClaimHeartbeat heartbeat = new ClaimHeartbeat(store, owner, CLAIM_HEARTBEAT);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<PlannedEpisode> pending = todo;
            while (!pending.isEmpty()) {
                List<PlannedEpisode> elsewhere = new ArrayList<>();
                for (PlannedEpisode episode : pending) {
                    shared.slots.acquire();
                    if (shared.stopping()) {
                        shared.slots.release();
                        break;
                    }
                    Optional<String> spent = budget.get();
                    if (spent.isPresent()) {
                        shared.slots.release();
                        shared.budgetSpent = true;
                        listener.stopped(spent.get());
                        break;
                    }
                    Claim claim = store.claim(plan.runId(), episode.key().id(), owner, CLAIM_STALE_AFTER);
                    if (!(claim instanceof Claim.Granted)) {
                        shared.slots.release();
                        if (claim instanceof Claim.HeldBy held) {
                            elsewhere.add(episode);
                            shared.heldBy = held.owner();
                        }
                        continue;
                    }
                    shared.inFlight.incrementAndGet();
                    threads.submit(() -> runOne(episode, shared));
                }
                if (shared.stopping() || shared.budgetSpent || elsewhere.isEmpty()) {
                    break;
                }
                if (elsewhere.size() != shared.lastReportedElsewhere) {
                    shared.lastReportedElsewhere = elsewhere.size();
                    listener.sharing(elsewhere.size(), shared.heldBy);
                }
                Thread.sleep(OTHERS_POLL.toMillis());
                Set<String> stored = store.finishedKeys(plan.runId());
                if (stored.size() > shared.lastSeenStored) {
                    // Another process's progress is progress of this run too.
                    shared.lastSeenStored = stored.size();
                    activity.touch();
                }
                pending = elsewhere.stream().filter(e -> !stored.contains(e.key().id())).toList();
            }
        } // close() waits for the episodes in flight
        if (shared.refused.get() != null) {
            throw new OffswitchException(ExitCode.MODEL_REFUSED, shared.refused.get().getMessage() + "\nThe run stopped: no further episode was started,"
                    + " and the episodes this refusal ended were not stored; " + shared.ran.get() + " episode(s) were stored by this invocation."
                    + " Fix the key or the model name and run the same command again to resume.");
        }
        Throwable first = shared.failure.get();
        if (first != null) {
            throw new IllegalStateException("run " + plan.runId() + " stopped: episode " + shared.failedEpisode.get().key().id()
                    + " could not be stored (" + first.getMessage() + "); " + shared.ran.get() + " episode(s) were stored by this invocation."
                    + " Fix the cause and run the same command again to resume.", first);
        }
        return shared.ran.get();
    }

    private void runOne(PlannedEpisode episode, Shared shared) {
        boolean stored = false;
        try {
            activity.touch();
            shared.listener.started(episode);
            EpisodeRecord record = runner.apply(episode);
            activity.touch();
            // While the JVM exits, sandboxes are destroyed under their episodes: those are not
            // results, so they are not stored and a resume reruns them. A Ctrl-C reaches the sandboxes
            // of the terminal's process group a moment before the JVM's exit hook starts, so an error is
            // stored only once that moment has passed without the JVM exiting.
            if (Outcome.ERROR.equals(record.verdict().outcome()) && !JvmExit.exiting()) {
                settle();
            }
            if (!JvmExit.exiting()) {
                store.save(record);
                stored = true;
                shared.ran.incrementAndGet();
                shared.listener.finished(record);
            }
        } catch (RunStoppedException e) {
            // Not a result: nothing is stored, and the loop starts no further episode.
            shared.refused.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            // Recorded before the slot is released, so the loop sees it before starting another episode.
            if (shared.failure.compareAndSet(null, e)) {
                shared.failedEpisode.set(episode);
            }
        } finally {
            if (!stored) {
                releaseQuietly(episode);
            }
            shared.inFlight.decrementAndGet();
            shared.slots.release();
        }
    }

    private static void settle() {
        try {
            Thread.sleep(ERROR_SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseQuietly(PlannedEpisode episode) {
        try {
            store.release(episode.key().id(), owner);
        } catch (RuntimeException e) {
            // The claim then lapses with this process: another one takes it over.
        }
    }

    /** What the episode threads and the loop share during one execute. */
    private final class Shared {
        final String runId;
        final RunListener listener;
        final Semaphore slots = new Semaphore(concurrency);
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<RunStoppedException> refused = new AtomicReference<>();
        final AtomicReference<PlannedEpisode> failedEpisode = new AtomicReference<>();
        boolean budgetSpent;
        String heldBy = "";
        int lastReportedElsewhere = -1;
        int lastSeenStored = -1;

        Shared(String runId, RunListener listener) {
            this.runId = runId;
            this.listener = listener;
        }

        boolean stopping() {
            return failure.get() != null || refused.get() != null;
        }
    }
}
