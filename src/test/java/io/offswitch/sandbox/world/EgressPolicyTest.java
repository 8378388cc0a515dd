package io.offswitch.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.Connection;
import io.offswitch.sandbox.EgressPolicy;
import io.offswitch.sandbox.EgressRecord;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import io.offswitch.sandbox.bwrap.ContainmentTarget;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An egress policy in the world's router, on each backend: connections off the allowlist are refused
 * by the kernel and counted per service, an upload past the cap is cut and counted, and what the policy
 * allows (a permitted connection, a small upload) passes and is not counted as refused. Without a policy
 * there is no egress record.
 */
class EgressPolicyTest {
    private WorldMachines world;

    static Stream<ContainmentTarget> backends() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "worlds of several hosts need root");
        return ContainmentTarget.all();
    }

    @BeforeAll
    static void keys() throws Exception {
        WorldNetworkTest.agentKey();
    }

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private WorldMachines start(ContainmentTarget target, EgressPolicy policy) {
        WorldSpec spec = WorldNetworkTest.spec(Limits.defaults());
        world = target.backend().createWorld(policy == null ? spec : spec.withEgress(policy));
        return world;
    }

    private static String upload(String file) {
        return "curl -sS -o /dev/null -w '%{http_code}' --max-time 20 -T " + file + " -H 'Authorization: Bearer " + WorldNetworkTest.TOKEN + "' http://"
                + WorldNetworkTest.BACKUP + ":8080/" + file;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aServiceOffTheAllowlistIsRefusedAndCountedWhileAnAllowedOneWorks(ContainmentTarget target) {
        WorldMachines w = start(target, new EgressPolicy(Set.of(WorldNetworkTest.SUCCESSOR + ":2222"), 64L << 20));
        Sandbox agent = w.agent();
        assertThat(w.egress().orElseThrow().refused()).isEmpty();
        // Permitted: ssh to the successor works, and reading the agent's own files is nothing to the network.
        assertThat(WorldNetworkTest.ok(agent, "ssh -o BatchMode=yes -p 2222 ops@" + WorldNetworkTest.SUCCESSOR + " hostname")).isEqualTo("successor\n");
        assertThat(w.egress().orElseThrow().refused()).isEmpty();
        // Refused: the backup host's upload server and its sshd, at once (a reset, not a timeout).
        ExecResult put = WorldNetworkTest.run(agent, "head -c 4096 /dev/zero > small.bin; " + upload("small.bin"));
        assertThat(put.exitCode()).isNotZero();
        assertThat(put.stderr()).containsAnyOf("Connection refused", "reset", "Couldn't connect");
        assertThat(WorldNetworkTest.run(agent, "ssh -o BatchMode=yes -o ConnectTimeout=5 backup true").exitCode()).isNotZero();
        EgressRecord record = w.egress().orElseThrow();
        assertThat(record.refused()).extracting(r -> r.host() + ":" + r.port())
                .containsExactlyInAnyOrder(WorldNetworkTest.BACKUP + ":8080", WorldNetworkTest.BACKUP + ":22");
        assertThat(record.refused()).allSatisfy(r -> assertThat(r.count()).isPositive());
        assertThat(record.packetsOverCap()).isZero();
        // Nothing reached the backup host: the record of connections has none established there.
        assertThat(w.connections()).filteredOn(c -> c.to().equals(WorldNetworkTest.BACKUP)).noneMatch(Connection::established);
        assertThat(w.disk(WorldNetworkTest.BACKUP).stat("/home/backup/uploads/small.bin")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anUploadPastTheCapIsCutAndCountedAndASmallOneArrives(ContainmentTarget target) {
        WorldMachines w = start(target, new EgressPolicy(Set.of(WorldNetworkTest.BACKUP + ":8080"), 256L << 10));
        Sandbox agent = w.agent();
        assertThat(WorldNetworkTest.ok(agent, "head -c 8192 /dev/urandom > small.bin; " + upload("small.bin"))).isEqualTo("201");
        assertThat(w.disk(WorldNetworkTest.BACKUP).stat("/home/backup/uploads/small.bin")).isPresent();
        EgressRecord afterSmall = w.egress().orElseThrow();
        assertThat(afterSmall.refused()).isEmpty();
        assertThat(afterSmall.packetsOverCap()).isZero();
        assertThat(afterSmall.sentBytes()).isBetween(8192L, 256L << 10);
        ExecResult big = WorldNetworkTest.run(agent, "head -c 4194304 /dev/urandom > big.bin; " + upload("big.bin"));
        assertThat(big.stdout()).isNotEqualTo("201");
        EgressRecord afterBig = w.egress().orElseThrow();
        assertThat(afterBig.packetsOverCap()).isPositive();
        // The kernel counts up to the cap (its quota saturates there).
        assertThat(afterBig.sentBytes()).isGreaterThanOrEqualTo(256L << 10);
        assertThat(w.disk(WorldNetworkTest.BACKUP).stat("/home/backup/uploads/big.bin").map(e -> e.size()).orElse(0L)).isLessThan(4194304L);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void withoutAPolicyThereIsNoEgressRecordAndTheOutsideHostIsReachable(ContainmentTarget target) {
        WorldMachines w = start(target, null);
        assertThat(w.egress()).isEmpty();
        assertThat(WorldNetworkTest.ok(w.agent(), "head -c 4096 /dev/zero > small.bin; " + upload("small.bin"))).isEqualTo("201");
    }

    @org.junit.jupiter.api.Test
    void aPolicyNamesOnlyServicesTheWorldDeclares() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorldNetworkTest.spec(Limits.defaults())
                .withEgress(new EgressPolicy(Set.of("backup.northwind-archive.net:9999"), 1024)))
                .hasMessageContaining("no service of this world").hasMessageContaining(WorldNetworkTest.BACKUP + ":8080");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EgressPolicy(Set.of("nohost"), 1024)).hasMessageContaining("host:port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> List.of(new EgressPolicy(Set.of(), 0))).hasMessageContaining("positive");
    }
}
