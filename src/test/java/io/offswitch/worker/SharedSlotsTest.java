package io.offswitch.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.PostgresServer;
import io.offswitch.store.StoreLocation;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * --max-connections across workers, through a real PostgreSQL: a worker whose session is lost (the
 * server ended it, as a restart does) keeps the slots its calls still use, hands none of them to a
 * new call, and locks them again on its new session, so another worker does not get them either.
 */
class SharedSlotsTest {
    private static final String PROVIDER = "openai";

    @Test
    void slotsInUseSurviveALostSessionForThisWorkerAndForTheOthers() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.newStoreUrl();
        StoreLocation.Postgres store = (StoreLocation.Postgres) StoreLocation.parse(url);
        try (SharedSlots mine = new SharedSlots(store, "run-7"); SharedSlots other = new SharedSlots(store, "run-7")) {
            Set<Integer> inFlight = new HashSet<>();
            inFlight.add(mine.acquire(PROVIDER, 3));
            inFlight.add(mine.acquire(PROVIDER, 3));
            assertThat(inFlight).hasSize(2);

            // The server ends this worker's session (the one holding advisory locks), as a restart would.
            server.execute(PostgresServer.database(url), "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

            int third = mine.acquire(PROVIDER, 3);
            assertThat(inFlight).as("a slot still used by a call in flight is not handed out again").doesNotContain(third);
            inFlight.add(third);
            CompletableFuture<Integer> fourth = new CompletableFuture<>();
            CompletableFuture<Integer> othersFirst = new CompletableFuture<>();
            Thread a = Thread.ofVirtual().start(() -> acquire(mine, fourth));
            Thread b = Thread.ofVirtual().start(() -> acquire(other, othersFirst));
            try {
                assertThatWaits(fourth, "this worker's fourth call, with three in flight and three slots");
                assertThatWaits(othersFirst, "another worker's call: the slots were locked again on the new session");

                int released = inFlight.iterator().next();
                mine.release(PROVIDER, released);
                int next = CompletableFuture.anyOf(fourth, othersFirst).thenApply(Integer.class::cast).get(10, TimeUnit.SECONDS);
                assertThat(next).as("the one slot released").isEqualTo(released);
            } finally {
                a.interrupt();
                b.interrupt();
                a.join(5_000);
                b.join(5_000);
            }
        }
    }

    private static void acquire(SharedSlots slots, CompletableFuture<Integer> got) {
        try {
            got.complete(slots.acquire(PROVIDER, 3));
        } catch (InterruptedException e) {
            got.cancel(false); // the test is over
        }
    }

    private static void assertThatWaits(CompletableFuture<Integer> call, String what) throws Exception {
        try {
            Integer got = call.get(1500, TimeUnit.MILLISECONDS);
            throw new AssertionError(what + " got slot " + got + " while every slot was in use");
        } catch (TimeoutException expected) {
            // Still waiting, as it should.
        }
    }
}
