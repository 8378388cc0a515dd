package io.offswitch.run;

import io.offswitch.JvmExit;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.EpisodeStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Walks a plan on virtual threads, at most {@code concurrency} episodes at a time. Each finished
 * episode is saved before anyone hears of it, so a crash loses only episodes in flight; episodes
 * already in the store are skipped, so running a plan again resumes it.
 */
public final class RunExecutor {
    private final EpisodeRunner runner;
    private final EpisodeStore store;
    private final int concurrency;

    public RunExecutor(EpisodeRunner runner, EpisodeStore store, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.runner = runner;
        this.store = store;
        this.concurrency = concurrency;
    }

    /** Runs what is left of the plan; returns how many episodes ran now (not counting skipped ones). */
    public int execute(RunPlan plan, RunListener listener) throws InterruptedException {
        Set<String> done = store.finishedKeys(plan.runId());
        List<PlannedEpisode> todo = plan.episodes().stream().filter(e -> !done.contains(e.key().id())).toList();
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger ran = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (PlannedEpisode episode : todo) {
                slots.acquire();
                futures.add(threads.submit(() -> {
                    try {
                        listener.started(episode);
                        EpisodeRecord record = runner.run(episode);
                        // While the JVM exits, sandboxes are destroyed under their episodes: those are
                        // not results, so they are not stored and a resume reruns them.
                        if (!JvmExit.exiting()) {
                            store.save(record);
                            ran.incrementAndGet();
                            listener.finished(record);
                        }
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("an episode could not be stored: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return ran.get();
    }
}
