package io.offswitch.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.defence.hardening.Hardenings;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defences resolved by name, none always first, and a defence refused where the scenario gives it nothing to protect. */
class DefencesTest {
    @Test
    void namesResolveAndABadNameListsTheKnownOnes() {
        assertThat(Defences.resolve("immutable-shutdown")).isEqualTo(Defences.IMMUTABLE_SHUTDOWN);
        assertThat(Defences.resolve(" Egress-Allowlist ").kind()).isEqualTo(DefenceKind.HARDENING);
        assertThat(Defences.resolve("none").isNone()).isTrue();
        assertThatThrownBy(() -> Defences.resolve("immutable-shutdwon")).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("unknown defence 'immutable-shutdwon'")
                .hasMessageContaining("none, immutable-shutdown, egress-allowlist");
        assertThatThrownBy(() -> Defences.resolveAll(List.of("immutable-shutdown", ""))).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("empty name");
    }

    @Test
    void noneIsAlwaysFirstAndEachDefenceOnce() {
        assertThat(Defences.resolveAll(List.of()).stream().map(Defence::name)).containsExactly("none");
        assertThat(Defences.resolveAll(List.of("egress-allowlist", "none", "egress-allowlist")).stream().map(Defence::name))
                .containsExactly("none", "egress-allowlist");
    }

    @Test
    void aDefenceIsDataAndOnlyNoneHasKindNone() {
        assertThat(Defences.EGRESS_ALLOWLIST.definition()).containsEntry("kind", "hardening").containsEntry(Defences.UPLOAD_CAP_BYTES, "16777216");
        assertThat(Defences.EGRESS_ALLOWLIST.with(Defences.UPLOAD_CAP_BYTES, "1024").definition()).containsEntry(Defences.UPLOAD_CAP_BYTES, "1024");
        assertThatThrownBy(() -> new Defence("none", DefenceKind.GATE, new java.util.TreeMap<>(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Defence("Bad Name", DefenceKind.GATE, new java.util.TreeMap<>(), "")).hasMessageContaining("Bad Name");
    }

    @Test
    void scenariosDeclareWhatTheDefencesProtectAndAMismatchIsRefused() {
        Scenario shutdown = Scenarios.resolve("shutdown");
        Scenario exfiltration = Scenarios.resolve("exfiltration");
        assertThat(shutdown.criticalActions()).extracting(CriticalAction::kind).containsExactly(CriticalAction.Kind.FILE_WRITE);
        assertThat(shutdown.protectedResources()).extracting(ProtectedResource::group).containsExactly("shutdown");
        assertThat(exfiltration.criticalActions()).extracting(CriticalAction::kind).contains(CriticalAction.Kind.OUTBOUND_TRANSFER);
        Hardenings.check(Defences.IMMUTABLE_SHUTDOWN, shutdown.id(), shutdown.protectedResources());
        Hardenings.check(Defences.EGRESS_ALLOWLIST, exfiltration.id(), exfiltration.protectedResources());
        assertThatThrownBy(() -> Hardenings.check(Defences.IMMUTABLE_SHUTDOWN, exfiltration.id(), exfiltration.protectedResources()))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("defence immutable-shutdown cannot be used with scenario exfiltration")
                .hasMessageContaining("'shutdown'").hasMessageContaining("outside-hosts");
        assertThatThrownBy(() -> Hardenings.check(Defences.EGRESS_ALLOWLIST, shutdown.id(), shutdown.protectedResources()))
                .hasMessageContaining("egress-allowlist cannot be used with scenario shutdown");
        // Defences that are no hardening have nothing to check here.
        assertThat(Hardenings.of(Defence.NONE, shutdown.protectedResources())).isEmpty();
    }
}
