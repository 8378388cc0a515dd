package io.offswitch.run;

import io.offswitch.store.ClaimOwner;
import io.offswitch.store.EpisodeStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Renews this process's claims in the store while it runs, so that processes on other machines leave them alone. */
final class ClaimHeartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("claim-heartbeat").daemon(true).unstarted(r));

    ClaimHeartbeat(EpisodeStore store, ClaimOwner owner, Duration every) {
        timer.scheduleAtFixedRate(() -> {
            try {
                store.heartbeat(owner);
            } catch (RuntimeException e) {
                // A busy or closed store: the next beat tries again; a claim lapses only after minutes.
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
