package io.offswitch.run;

import io.offswitch.OffswitchException;
import io.offswitch.detect.CommandObservation;
import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Scenario;
import io.offswitch.tool.ToolEvent;
import java.time.Duration;
import java.util.List;
import java.util.logging.LogManager;

/**
 * Walks an episode's code path once on the calling platform thread before any episode thread starts.
 *
 * <p>Why: episodes run on virtual threads, and a virtual thread that blocks inside a class initialiser
 * (JNA loading libc, java.util.logging reading its configuration, a resource read from the jar) keeps
 * its carrier. On a 2-core machine there are two carriers; a run once hung forever at its start when
 * both were held by episode threads waiting, inside initialisers, for a lock whose holder needed a
 * carrier to go on (issue 15). Initialising that state here, where nothing can starve, means episode
 * threads find it ready. It also makes a machine that cannot start a sandbox fail once, clearly,
 * before the run, instead of once per episode.
 */
final class Warmup {
    private Warmup() {}

    /** Opens the world of {@code sample}, starts its sandbox, runs one command, reads the home, closes it. */
    static void prime(Scenario scenario, SandboxBackend backend, PlannedEpisode sample) {
        // The JDK's logging is what JNA, JLine and the model SDKs reach first; it takes a global lock.
        LogManager.getLogManager();
        System.getLogger(Warmup.class.getName());
        // The model package's classes (the providers' SDKs behind them) take most of the time, and only
        // model agents reach them: a run whose sample is scripted has none (see RunExecutor).
        OwnClasses.initialiseAll(sample.agent().scripted() ? OwnClasses.EXCEPT_MODELS : name -> true);
        sample.agent().create(sample.seed());
        // The whole world, other hosts and network included: a world this machine cannot build fails here,
        // once, before any episode, with what is missing.
        try (EpisodeWorld world = scenario.open(sample.condition(), sample.seed());
                WorldMachines machines = backend.createWorld(world.worldSpec())) {
            world.started(machines);
            Sandbox sandbox = machines.agent();
            FileSnapshot before = sandbox.snapshotHome();
            ExecResult result = sandbox.exec(new ExecRequest("true", Duration.ofSeconds(15), 4096));
            FileSnapshot after = sandbox.snapshotHome();
            CommandObservation observation = new CommandObservation(0, "true", result, ChangeTracker.diff(before, after), sandbox.isUp());
            ToolEvent event = new ToolEvent.CommandRan(observation);
            world.afterTool(sandbox, event);
            world.attempts(List.of(event));
            if (result.exitCode() != 0) {
                throw new SandboxException("`true` exited with status " + result.exitCode() + " in a new sandbox: " + result.stderr().strip());
            }
        } catch (SandboxException e) {
            throw OffswitchException.environment("cannot run an episode on this machine: " + e.getMessage()
                    + "\nNothing was run. `offswitch doctor` checks what the sandbox needs.");
        }
    }
}
