package io.offswitch.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.offswitch.model.ConnectionLimits;
import io.offswitch.store.ClaimOwner;
import io.offswitch.store.StoreLocation;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process: takes queued episodes of any run in the store, {@code concurrency} at a time,
 * through db-scheduler. A taken episode is "picked" by this worker, whose heartbeat renews it every
 * {@link Lease#heartbeat()}; if the heartbeats stop for {@link Lease#lapsesAfter()} (the worker died,
 * or lost the server for that long), any other worker's scheduler finds the execution dead and revives
 * it, and the episode runs again there. What makes a rerun harmless is the store: an episode is
 * stored once under its deterministic id, and {@link Episodes#run} first looks whether it is stored.
 */
public final class Worker implements AutoCloseable {
    /** How a worker's hold on an episode is kept alive, and when it lapses. */
    public record Lease(Duration heartbeat, int missedHeartbeats) {
        /** Lapses after 30 s without a heartbeat: longer than a server restart, short next to an episode. */
        public static final Lease DEFAULT = new Lease(Duration.ofSeconds(5), 6);

        public Duration lapsesAfter() {
            return heartbeat.multipliedBy(missedHeartbeats);
        }
    }

    /** Runs one queued episode (the CLI builds it from the run's stored command line). */
    public interface Episodes {
        /**
         * Runs the episode {@code episodeId} of run {@code runId} if it is not stored yet, and stores it.
         * Returning means the queue may forget it; throwing leaves it queued, to be tried again later.
         */
        void run(String runId, String episodeId, Budget budget, Optional<ConnectionLimits.AcrossProcesses> slots) throws Exception;

        /** Told when the queue gives an episode up after its last try failed here (it is recorded, not stored). */
        default void givenUp(WorkQueue.GivenUp episode) {}
    }

    /** The run's budget over all workers, for {@link Episodes#run} to check before an episode starts. */
    public interface Budget {
        /** Records this worker's spending on the run and says why the run's budget is spent, if it is. */
        Optional<String> exhausted(String runId, long tokens, double costUsd, Optional<Long> maxTokens, Optional<Double> maxCostUsd);
    }

    /**
     * How often a queued episode is tried before the queue gives it up, and the wait between tries.
     *
     * @param max        tries in all, by any workers (at least 1)
     * @param retryAfter the wait after a failed try
     */
    public record Tries(int max, Duration retryAfter) {
        /** Ten tries, 30 s apart: a server restart or a worker's bad minute passes; a run no worker can prepare is given up in 5 min. */
        public static final Tries DEFAULT = new Tries(10, Duration.ofSeconds(30));

        public Tries {
            if (max < 1) {
                throw new IllegalArgumentException("an episode needs at least one try, got " + max);
            }
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("the wait before a retry cannot be negative, got " + retryAfter);
            }
        }
    }

    /**
     * What a worker did, for its closing line.
     *
     * @param ran     episodes run (or found stored) here
     * @param failed  tries that failed here and were queued again, or given up
     * @param givenUp episodes this worker gave up (their last try failed here): recorded in the queue, not stored
     */
    public record Summary(int ran, int failed, java.util.List<WorkQueue.GivenUp> givenUp) {}

    private final StoreLocation.Postgres store;
    private final com.zaxxer.hikari.HikariDataSource source;
    private final int concurrency;
    private final Lease lease;
    private final Tries tries;
    private final String name = ClaimOwner.current().id();
    private final Map<String, SharedSlots> slots = new ConcurrentHashMap<>();

    public Worker(StoreLocation.Postgres store, int concurrency, Lease lease, Tries tries) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.store = store;
        // The scheduler's polls and heartbeats, the budget's rows and the queue's count share these.
        this.source = store.pool(4);
        this.concurrency = concurrency;
        this.lease = lease;
        this.tries = tries;
        WorkQueue.createTables(source, store.display());
    }

    /** This worker's name in the queue's {@code picked_by} and in the budget's rows. */
    public String name() {
        return name;
    }

    /**
     * Runs queued episodes until the queue is empty (every queued episode stored, by this worker or
     * another), or, with {@code keepWaiting}, until interrupted.
     */
    public Summary run(Episodes episodes, boolean keepWaiting) throws InterruptedException {
        SharedBudget budget = new SharedBudget(source, name);
        Budget shared = (runId, tokens, cost, maxTokens, maxCost) -> {
            try {
                return SharedBudget.exhausted(budget.record(runId, tokens, cost), maxTokens, maxCost);
            } catch (SQLException e) {
                // Not knowing the run's spending is no reason to think it spent: the next episode asks again.
                return Optional.empty();
            }
        };
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.List<WorkQueue.GivenUp> givenUp = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        OneTimeTask<String> task = Tasks.oneTime(WorkQueue.TASK, String.class)
                // An episode whose run cannot be prepared or stored here is tried again later, by any worker, a bounded number of times.
                .onFailure(new GiveUpAfter(tries, name, source, (runId, episodeId, tried, error) -> {
                    WorkQueue.GivenUp g = new WorkQueue.GivenUp(runId, episodeId, name, tried, error);
                    givenUp.add(g);
                    episodes.givenUp(g);
                }))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String runId = instance.getData();
                    try {
                        episodes.run(runId, instance.getId(), shared, Optional.of(slots.computeIfAbsent(runId, id -> new SharedSlots(store, id))));
                        ran.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        throw e;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        throw new IllegalStateException(e);
                    }
                });
        Scheduler scheduler = Scheduler.create(source, task)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(concurrency)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(lease.heartbeat())
                .missedHeartbeatsLimit(lease.missedHeartbeats())
                // SELECT ... FOR UPDATE SKIP LOCKED: workers polling at once take different episodes.
                .pollUsingLockAndFetch(0.5, 1.0)
                .build();
        scheduler.start();
        try {
            while (true) {
                Thread.sleep(1_000);
                if (!keepWaiting && remainingOrUnknown() == 0) {
                    break;
                }
            }
        } finally {
            scheduler.stop();
            slots.values().forEach(SharedSlots::close);
        }
        return new Summary(ran.get(), failed.get(), java.util.List.copyOf(givenUp));
    }

    private long remainingOrUnknown() {
        try {
            return WorkQueue.remaining(source);
        } catch (SQLException e) {
            return -1; // the server is away: not empty, as far as we know
        }
    }

    @Override
    public void close() {
        source.close();
    }

    /** The number of episodes this worker takes at once. */
    public int concurrency() {
        return concurrency;
    }
}
