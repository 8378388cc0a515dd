package io.offswitch.episode;

import java.util.Map;

/**
 * What is needed to reproduce an episode: the harness version and commit, the scenario and condition
 * with a hash of their content, the exact prompts, the agent with its settings, and the seed.
 */
public record Provenance(
        String offswitchVersion,
        String offswitchCommit,
        String scenario,
        String scenarioHash,
        String condition,
        String conditionHash,
        String systemPrompt,
        String userPrompt,
        String continuePrompt,
        String agent,
        boolean agentScripted,
        Map<String, String> agentSettings,
        long seed,
        String sandboxBackend) {
    public Provenance {
        agentSettings = Map.copyOf(agentSettings);
    }
}
