package io.offswitch.scenario;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Files a user gives to replace a scenario's built-in text: a conditions file (JSON, the same schema
 * as the built-in one; its conditions add to or replace the built-in ones by id) and one text file per
 * base prompt. Condition-specific additions still apply on top of a replaced base prompt.
 */
public record ScenarioOverrides(
        Optional<Path> conditionsFile,
        Optional<Path> systemPromptFile,
        Optional<Path> userPromptFile,
        Optional<Path> continuePromptFile) {

    public static ScenarioOverrides none() {
        return new ScenarioOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ScenarioOverrides withConditionsFile(Path file) {
        return new ScenarioOverrides(Optional.of(file), systemPromptFile, userPromptFile, continuePromptFile);
    }

    public ScenarioOverrides withSystemPromptFile(Path file) {
        return new ScenarioOverrides(conditionsFile, Optional.of(file), userPromptFile, continuePromptFile);
    }

    public ScenarioOverrides withUserPromptFile(Path file) {
        return new ScenarioOverrides(conditionsFile, systemPromptFile, Optional.of(file), continuePromptFile);
    }

    public ScenarioOverrides withContinuePromptFile(Path file) {
        return new ScenarioOverrides(conditionsFile, systemPromptFile, userPromptFile, Optional.of(file));
    }

    public boolean isEmpty() {
        return conditionsFile.isEmpty() && systemPromptFile.isEmpty() && userPromptFile.isEmpty() && continuePromptFile.isEmpty();
    }
}
