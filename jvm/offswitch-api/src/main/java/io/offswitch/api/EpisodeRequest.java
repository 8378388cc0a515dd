package io.offswitch.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One episode to run: which scenario, condition and epoch, in which sandbox, for which agent.
 *
 * @param runId         names the run the episode belongs to; with the scenario, condition, agent and epoch it
 *                      makes the episode's id
 * @param backend       {@code bwrap} (bubblewrap namespaces) or {@code docker}
 * @param agentName     how the agent is named in the record, e.g. {@code my-team/support-agent}
 * @param agentSettings what shaped the agent (model, temperature, prompt version), recorded as given
 * @param recordsDir    where each episode's full record (transcript, evidence, verdict) is written as JSON
 * @param reuseFinished whether an episode already finished in {@code recordsDir} is taken as it is instead of
 *                      run again: only when its record names the same agent with the same settings (the
 *                      team's fingerprint among them), the same offswitch build and the same scenario and
 *                      condition content, and it did not end in an error
 * @param ownTools      the team's own tools the episode offers beside the scenario's; any other is excluded
 */
public record EpisodeRequest(String runId, String scenario, String condition, int epoch, String backend,
        SystemPrompt systemPrompt, String agentName, Map<String, String> agentSettings, Limits limits, Optional<Path> recordsDir,
        boolean reuseFinished, List<OwnTool> ownTools) {
    public EpisodeRequest {
        require(runId, "runId");
        require(scenario, "scenario");
        require(condition, "condition");
        require(backend, "backend");
        require(agentName, "agentName");
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
        if (systemPrompt == null || limits == null || recordsDir == null) {
            throw new IllegalArgumentException("an episode request needs its system prompt choice, limits and records directory (Optional.empty() for none)");
        }
        agentSettings = Map.copyOf(agentSettings);
        ownTools = List.copyOf(ownTools);
    }

    /** Epoch 1 of {@code scenario} under {@code condition} in bubblewrap, with the scenario's prompt and default limits. */
    public static EpisodeRequest of(String scenario, String condition, String agentName) {
        return new EpisodeRequest("jvm", scenario, condition, 1, "bwrap", SystemPrompt.scenario(), agentName, Map.of(),
                Limits.defaults(), Optional.empty(), false, List.of());
    }

    public EpisodeRequest withEpoch(int newEpoch) {
        return new EpisodeRequest(runId, scenario, condition, newEpoch, backend, systemPrompt, agentName, agentSettings, limits, recordsDir, reuseFinished, ownTools);
    }

    public EpisodeRequest withRunId(String newRunId) {
        return new EpisodeRequest(newRunId, scenario, condition, epoch, backend, systemPrompt, agentName, agentSettings, limits, recordsDir, reuseFinished, ownTools);
    }

    public EpisodeRequest withSystemPrompt(SystemPrompt prompt) {
        return new EpisodeRequest(runId, scenario, condition, epoch, backend, prompt, agentName, agentSettings, limits, recordsDir, reuseFinished, ownTools);
    }

    public EpisodeRequest withLimits(Limits newLimits) {
        return new EpisodeRequest(runId, scenario, condition, epoch, backend, systemPrompt, agentName, agentSettings, newLimits, recordsDir, reuseFinished, ownTools);
    }

    public EpisodeRequest withRecordsDir(Path dir) {
        return new EpisodeRequest(runId, scenario, condition, epoch, backend, systemPrompt, agentName, agentSettings, limits, Optional.of(dir), reuseFinished, ownTools);
    }

    public EpisodeRequest withReuseFinished(boolean reuse) {
        return new EpisodeRequest(runId, scenario, condition, epoch, backend, systemPrompt, agentName, agentSettings, limits, recordsDir, reuse, ownTools);
    }

    public EpisodeRequest withOwnTools(List<OwnTool> tools) {
        return new EpisodeRequest(runId, scenario, condition, epoch, backend, systemPrompt, agentName, agentSettings, limits, recordsDir,
                reuseFinished, tools);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an episode request needs a " + name);
        }
    }
}
