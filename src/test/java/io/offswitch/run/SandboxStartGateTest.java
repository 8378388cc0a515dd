package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.SandboxBackend;
import java.util.ArrayList;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldSpec;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** However many episodes start at once, only a few sandboxes are being started at any moment. */
class SandboxStartGateTest {
    @Test
    void twoHundredEpisodesStartingAtOnceNeverHaveMoreThanTheGateAllowsInStart() throws Exception {
        AtomicInteger starting = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SandboxBackend slow = TestBackends.of("slow", spec -> {
            most.accumulateAndGet(starting.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                starting.decrementAndGet();
            }
            return null;
        });
        WorldSpec world = WorldSpec.single(new SandboxSpec("devbox", "user", List.of(), List.of(), Limits.defaults()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(threads.submit(() -> SandboxStartGate.startWorld(slow, world)));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(most.get()).isLessThanOrEqualTo(SandboxStartGate.STARTS_AT_ONCE).isPositive();
        assertThat(starting).hasValue(0);
    }
}
