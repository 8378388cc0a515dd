package io.offswitch.report;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells offswitch's own rendition of a condition from a user's: an episode ran the built-in design
 * when its scenario hash (world, tools, base prompts, all conditions) and its condition hash (that
 * condition's prompts and parameters) are those of the scenario as this offswitch ships it. A run with
 * its own prompt files or conditions file, or from an offswitch whose scenario differed, is not; nor is
 * an episode whose agent was given prompts other than the condition's (a JVM team's own system prompt),
 * which the provenance records as given.
 */
interface BuiltInDesigns {
    boolean isBuiltIn(String scenario, String scenarioHash, String condition, String conditionHash, String promptsHash);

    /** The scenarios registered in {@link Scenarios}, loaded once each. */
    static BuiltInDesigns registered() {
        Map<String, Optional<Scenario>> loaded = new HashMap<>();
        return (scenario, scenarioHash, condition, conditionHash, promptsHash) -> {
            Optional<Scenario> s = loaded.computeIfAbsent(scenario, id -> {
                try {
                    return Optional.of(Scenarios.resolve(id));
                } catch (OffswitchException e) {
                    return Optional.empty();
                }
            });
            return s.filter(x -> x.contentHash().equals(scenarioHash))
                    .flatMap(x -> x.conditions().stream().filter(c -> c.id().equals(condition)).findFirst())
                    .filter(c -> c.contentHash().equals(conditionHash))
                    .filter(c -> DesignHashes.prompts(c.prompts().system(), c.prompts().user(), c.prompts().continueMessage()).equals(promptsHash))
                    .isPresent();
        };
    }
}
