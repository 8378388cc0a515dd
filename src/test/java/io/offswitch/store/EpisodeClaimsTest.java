package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Claims in the store: one process runs each episode, and claims of processes that are gone are taken over. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class EpisodeClaimsTest {
    private static final Duration STALE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Parameter
    StoreKind kind;

    private final ClaimOwner me = ClaimOwner.current();

    /** A process of this host that has exited: its claims must not block anyone. */
    private static ClaimOwner exitedProcess() throws Exception {
        // Alive while its start time is read (a process that has exited has no info left), then ended.
        Process p = new ProcessBuilder("sleep", "30").start();
        long started = p.info().startInstant().orElseThrow().toEpochMilli();
        p.destroyForcibly().waitFor();
        return new ClaimOwner(ClaimOwner.hostName(), p.pid(), started);
    }

    @Test
    void ofTwoClaimantsOnlyOneIsGrantedAndAStoredEpisodeIsFinishedForBoth() throws Exception {
        EpisodeRecord record = SampleEpisodes.sabotaged("r1", "openai/o3", "A", 1);
        try (EpisodeStore a = new EpisodeStore(kind.location(dir, "o.db")); EpisodeStore b = new EpisodeStore(kind.location(dir, "o.db"))) {
            assertThat(a.claim("r1", record.id(), me, STALE)).isEqualTo(new Claim.Granted(false));
            // Asking again as the same process is still ours (a resumed loop).
            assertThat(a.claim("r1", record.id(), me, STALE)).isEqualTo(new Claim.Granted(false));
            // A claimant on another machine, whose liveness this host cannot check: it must wait.
            assertThat(b.claim("r1", record.id(), new ClaimOwner("elsewhere", 1, 1), STALE)).isInstanceOf(Claim.HeldBy.class);
            a.save(record);
            assertThat(b.claim("r1", record.id(), new ClaimOwner("elsewhere", 1, 1), STALE)).isEqualTo(new Claim.Finished());
            assertThat(a.claim("r1", record.id(), me, STALE)).isEqualTo(new Claim.Finished());
        }
    }

    @Test
    void manyThreadsOfTwoConnectionsClaimingAtOnceGetEachEpisodeExactlyOnce() throws Exception {
        ClaimOwner second = new ClaimOwner("worker-2", 2, 2);
        try (EpisodeStore a = new EpisodeStore(kind.location(dir, "o.db")); EpisodeStore b = new EpisodeStore(kind.location(dir, "o.db"));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Claim>> mine = new ArrayList<>();
            List<Future<Claim>> theirs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "r1-episode-" + i;
                mine.add(threads.submit(() -> a.claim("r1", id, me, STALE)));
                theirs.add(threads.submit(() -> b.claim("r1", id, second, STALE)));
            }
            for (int i = 0; i < 40; i++) {
                boolean x = mine.get(i).get() instanceof Claim.Granted;
                boolean y = theirs.get(i).get() instanceof Claim.Granted;
                assertThat(x ^ y).as("episode %d granted to exactly one", i).isTrue();
            }
        }
    }

    @Test
    void aClaimOfAProcessThatIsGoneIsTakenOverAtOnce() throws Exception {
        ClaimOwner dead = exitedProcess();
        try (EpisodeStore store = new EpisodeStore(kind.location(dir, "o.db"))) {
            assertThat(store.claim("r1", "e1", dead, STALE)).isEqualTo(new Claim.Granted(false));
            assertThat(store.claim("r1", "e1", me, STALE)).isEqualTo(new Claim.Granted(true));
        }
    }

    @Test
    void anotherMachinesClaimIsHeldWhileItBeatsAndTakenOverWhenItFallsSilent() throws Exception {
        ClaimOwner remote = new ClaimOwner("other-machine", 4242, 1);
        StoreLocation db = kind.location(dir, "o.db");
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.claim("r1", "e1", remote, STALE)).isEqualTo(new Claim.Granted(false));
            store.heartbeat(remote);
            assertThat(store.claim("r1", "e1", me, STALE)).isEqualTo(new Claim.HeldBy("pid 4242 on other-machine"));
            kind.execute(db, "UPDATE claims SET heartbeat_at = '2020-01-01T00:00:00.000000000Z'");
            assertThat(store.claim("r1", "e1", me, STALE)).isEqualTo(new Claim.Granted(true));
            // Released by its owner only: the remote one's release of a claim it lost changes nothing.
            store.release("e1", remote);
            assertThat(store.claim("r1", "e1", remote, STALE)).isInstanceOf(Claim.HeldBy.class);
            store.release("e1", me);
            assertThat(store.claim("r1", "e1", remote, STALE)).isEqualTo(new Claim.Granted(false));
        }
    }
}
