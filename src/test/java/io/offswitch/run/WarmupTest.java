package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up walks a real episode path once, and a machine that cannot start a sandbox fails it clearly. */
class WarmupTest {
    private final Scenario scenario = Scenarios.resolve("shutdown");
    private final PlannedEpisode sample = RunPlan.build("warm", scenario, List.of(scenario.condition("A")),
            List.of(Agents.resolve("reference/compliant", AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG)), 1).episodes().getFirst();

    @Test
    void aRealSandboxIsStartedUsedAndClosed() {
        AtomicInteger created = new AtomicInteger();
        List<Sandbox> made = new java.util.ArrayList<>();
        BwrapBackend bwrap = new BwrapBackend();
        SandboxBackend counting = TestBackends.of("bwrap", spec -> {
            created.incrementAndGet();
            Sandbox s = bwrap.create(spec);
            made.add(s);
            return s;
        });
        new EpisodeRunner(scenario, counting, EpisodeLimits.defaults()).warmUp(sample);
        assertThat(created).hasValue(1);
        assertThat(made.getFirst().isUp()).as("closed after the warm-up").isFalse();
    }

    @Test
    void aBackendThatCannotStartASandboxStopsTheRunBeforeItStarts() {
        SandboxBackend broken = TestBackends.of("broken", spec -> {
            throw new SandboxException("could not start a bubblewrap sandbox: bwrap: No permissions to create new namespace");
        });
        assertThatThrownBy(() -> new EpisodeRunner(scenario, broken, EpisodeLimits.defaults()).warmUp(sample))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("cannot run an episode on this machine")
                .hasMessageContaining("No permissions to create new namespace")
                .hasMessageContaining("Nothing was run");
    }

    @Test
    void everyOwnClassIsFoundAndInitialisedButNoTestClass() {
        List<String> names = OwnClasses.names();
        assertThat(names).contains("io.offswitch.run.Warmup", "io.offswitch.cli.Main", "io.offswitch.sandbox.bwrap.Mounts")
                .doesNotContain("io.offswitch.run.WarmupTest").allMatch(n -> n.startsWith("io.offswitch."));
        assertThat(OwnClasses.initialiseAll()).isGreaterThan(names.size() * 9 / 10);
    }

    @Test
    void aScriptedRunWarmsEverythingButTheModelPackage() {
        List<String> kept = OwnClasses.names().stream().filter(OwnClasses.EXCEPT_MODELS).toList();
        assertThat(kept).contains("io.offswitch.sandbox.bwrap.Mounts", "io.offswitch.run.EpisodeSession")
                .noneMatch(n -> n.startsWith("io.offswitch.model."));
        assertThat(OwnClasses.names()).anyMatch(n -> n.startsWith("io.offswitch.model."));
    }
}
