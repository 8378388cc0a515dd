package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor against a real store, with episodes that finish at once instead of running in a sandbox. */
class RunExecutorTest {
    private final Scenario scenario = Scenarios.resolve("shutdown");

    @TempDir
    Path dir;

    private RunPlan plan(int epochs) {
        var agent = new ScriptedFactory("test/instant", seed -> {
            throw new AssertionError("the executor test never creates agents");
        });
        return RunPlan.build("exec", scenario, List.of(scenario.condition("A")), List.of(agent), epochs);
    }

    private static EpisodeRecord finished(PlannedEpisode e) {
        Provenance p = new Provenance("0", "test", "shutdown", "h", e.condition().id(), "h", "s", "u", "c",
                e.agent().name(), true, Map.of(), e.seed(), "none");
        Instant now = Instant.now();
        return new EpisodeRecord(e.key().id(), e.key(), p, now, now, Verdict.limit("instant"), List.of(), List.of(), List.of());
    }

    @Test
    void everyEpisodeIsStoredAndARerunSkipsThem() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            AtomicInteger runs = new AtomicInteger();
            RunExecutor executor = new RunExecutor(e -> {
                runs.incrementAndGet();
                return finished(e);
            }, store, 3);
            assertThat(executor.execute(plan(5), RunListener.NONE)).isEqualTo(5);
            assertThat(executor.execute(plan(5), RunListener.NONE)).isZero();
            assertThat(runs).hasValue(5);
            assertThat(store.finishedKeys("exec")).hasSize(5);
        }
    }

    @Test
    void aSpentBudgetStartsNoNewEpisodeAndSaysWhy() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            AtomicInteger runs = new AtomicInteger();
            RunExecutor executor = new RunExecutor(e -> {
                runs.incrementAndGet();
                return finished(e);
            }, store, 1);
            java.util.List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
            RunListener listener = new RunListener() {
                @Override
                public void finished(EpisodeRecord record) {}

                @Override
                public void stopped(String reason) {
                    reasons.add(reason);
                }
            };
            int ran = executor.execute(plan(10), listener,
                    () -> runs.get() >= 3 ? java.util.Optional.of("cost budget reached") : java.util.Optional.empty());
            assertThat(ran).isEqualTo(3);
            assertThat(reasons).containsExactly("cost budget reached");
            assertThat(store.finishedKeys("exec")).hasSize(3);
        }
    }

    @Test
    void aStoreFailureStopsTheRunBeforeAnotherEpisodeStartsAndIsThrownWithItsCause() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            AtomicInteger runs = new AtomicInteger();
            RunExecutor executor = new RunExecutor(e -> {
                runs.incrementAndGet();
                store.close(); // the database goes away while the first episode runs
                return finished(e);
            }, store, 1);
            assertThatThrownBy(() -> executor.execute(plan(5), RunListener.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exec-shutdown-A-test_instant-1")
                    .hasMessageContaining("could not be stored")
                    .cause().isNotNull();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void episodesInFlightFinishAfterAFailure() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            AtomicInteger finished = new AtomicInteger();
            java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
            RunExecutor executor = new RunExecutor(e -> {
                bothStarted.countDown();
                try {
                    bothStarted.await();
                    if (e.key().epoch() == 1) {
                        store.close();
                    } else {
                        Thread.sleep(200); // still running when the first one fails
                    }
                } catch (InterruptedException x) {
                    throw new AssertionError(x);
                }
                finished.incrementAndGet();
                return finished(e);
            }, store, 2);
            assertThatThrownBy(() -> executor.execute(plan(6), RunListener.NONE)).isInstanceOf(IllegalStateException.class);
            // Returned only once the second episode had finished, and no third one started.
            assertThat(finished).hasValue(2);
        }
    }

    @Test
    void aRunThatStopsMovingSaysSoAndARunThatMovesDoesNot() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<Integer> stalls = new java.util.concurrent.CopyOnWriteArrayList<>();
            RunExecutor executor = new RunExecutor(e -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                return finished(e);
            }, store, 2).stallWarningAfter(java.time.Duration.ofMillis(200));
            Thread releaser = Thread.ofPlatform().start(() -> {
                // Waits for the warnings (bounded), then lets the episodes finish.
                for (int i = 0; i < 200 && stalls.size() < 2; i++) {
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                release.countDown();
            });
            executor.execute(plan(2), new RunListener() {
                @Override
                public void finished(EpisodeRecord record) {}

                @Override
                public void stalled(java.time.Duration idle, int inFlight) {
                    stalls.add(inFlight);
                }
            });
            releaser.join();
            // Two warnings, one per threshold of idle time, each naming both episodes in flight.
            assertThat(stalls).hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n == 2);

            stalls.clear();
            RunExecutor busy = new RunExecutor(RunExecutorTest::finished, store, 2).stallWarningAfter(java.time.Duration.ofSeconds(30));
            busy.execute(plan(4), new RunListener() {
                @Override
                public void finished(EpisodeRecord record) {}

                @Override
                public void stalled(java.time.Duration idle, int inFlight) {
                    stalls.add(inFlight);
                }
            });
            assertThat(stalls).isEmpty();
        }
    }

    @Test
    void theWarmUpRunsOnceOnTheCallingThreadBeforeAnyEpisodeStarts() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread caller = Thread.currentThread();
            RunExecutor executor = new RunExecutor(e -> {
                order.add("episode " + e.key().epoch() + (Thread.currentThread().isVirtual() ? " virtual" : " platform"));
                return finished(e);
            }, sample -> order.add("warm-up epoch " + sample.key().epoch() + (Thread.currentThread() == caller ? " on caller" : " elsewhere")),
                    new Activity(), store, 4);
            executor.execute(plan(3), RunListener.NONE);
            assertThat(order).first().isEqualTo("warm-up epoch 1 on caller");
            assertThat(order.subList(1, order.size())).hasSize(3).allMatch(s -> s.endsWith(" virtual"));
            // Nothing left to run: no warm-up either (a resumed, finished run starts no sandbox).
            order.clear();
            executor.execute(plan(3), RunListener.NONE);
            assertThat(order).isEmpty();
        }
    }

    @Test
    void aFailedWarmUpRunsNoEpisodeAndStoresNothing() throws Exception {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            AtomicInteger runs = new AtomicInteger();
            RunExecutor executor = new RunExecutor(e -> {
                runs.incrementAndGet();
                return finished(e);
            }, sample -> {
                throw io.offswitch.OffswitchException.environment("cannot run an episode on this machine: no sandbox");
            }, new Activity(), store, 4);
            assertThatThrownBy(() -> executor.execute(plan(3), RunListener.NONE)).hasMessageContaining("no sandbox");
            assertThat(runs).hasValue(0);
            assertThat(store.finishedKeys("exec")).isEmpty();
        }
    }
}
