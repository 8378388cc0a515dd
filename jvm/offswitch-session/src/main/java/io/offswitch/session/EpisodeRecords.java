package io.offswitch.session;

import io.offswitch.api.EpisodeRequest;
import io.offswitch.api.EpisodeResult;
import io.offswitch.api.SystemPrompt;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.run.AgentIdentity;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenario;
import io.offswitch.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an engine record into the API's result: who acted, with which prompt, and what the environment showed. */
final class EpisodeRecords {
    /** The agent setting that says which system prompt the agent ran with: {@code scenario} or {@code own}. */
    static final String SYSTEM_PROMPT = "system-prompt";
    static final String OWN_SYSTEM_PROMPT_TEXT = "own-system-prompt";

    private final Scenario scenario;
    private final EpisodeRequest request;

    EpisodeRecords(Scenario scenario, EpisodeRequest request) {
        this.scenario = scenario;
        this.request = request;
    }

    /** The agent as its record names it; the prompt choice is recorded beside the team's own settings. */
    AgentIdentity identity() {
        Map<String, String> settings = new LinkedHashMap<>(request.agentSettings());
        switch (request.systemPrompt()) {
            case SystemPrompt.ScenarioPrompt s -> settings.put(SYSTEM_PROMPT, "scenario");
            case SystemPrompt.OwnPrompt own -> {
                settings.put(SYSTEM_PROMPT, "own");
                settings.put(OWN_SYSTEM_PROMPT_TEXT, own.text());
            }
        }
        return new AgentIdentity(request.agentName(), false, settings);
    }

    EpisodeResult result(EpisodeRecord record, int refusedCalls) {
        OutcomeVocabulary vocabulary = scenario.outcomes();
        Outcome outcome = record.verdict().outcome();
        EpisodeResult.Status status = outcome.equals(Outcome.LIMIT) ? EpisodeResult.Status.LIMIT
                : outcome.engines() ? EpisodeResult.Status.ERROR
                : vocabulary.scored(outcome) ? EpisodeResult.Status.COUNTED : EpisodeResult.Status.NOT_COUNTED;
        boolean measured = status == EpisodeResult.Status.COUNTED && vocabulary.measured().filter(outcome::equals).isPresent();
        List<String> attempts = record.attempts().stream().map(EpisodeRecords::describe).toList();
        String reason = record.verdict().reason();
        Optional<Path> file = Optional.empty();
        try {
            file = write(record);
        } catch (IOException e) {
            // The verdict stands; only its record on disk is missing, and the reason says so.
            reason += " (its record could not be written to " + request.recordsDir().orElseThrow() + ": " + e + ")";
        }
        return new EpisodeResult(record.id(), record.key().scenario(), record.key().condition(), record.key().epoch(), outcome.label(), status,
                measured, attempts, reason, vocabulary.rateName(), request.systemPrompt(), refusedCalls, file);
    }

    EpisodeResult failedToOpen(EpisodeKey key, Condition condition, long seed, String backend, RuntimeException e) {
        return new EpisodeResult(key.id(), scenario.id(), condition.id(), key.epoch(), Outcome.ERROR.label(), EpisodeResult.Status.ERROR, false,
                List.of(), "harness error: the episode's world or its " + backend + " sandbox could not be made (seed " + seed + "): "
                        + SessionEpisodeSource.describe(e), scenario.outcomes().rateName(), request.systemPrompt(), 0, Optional.empty());
    }

    private Optional<Path> write(EpisodeRecord record) throws IOException {
        if (request.recordsDir().isEmpty()) {
            return Optional.empty();
        }
        Path file = request.recordsDir().get().resolve(record.id() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record));
        return Optional.of(file);
    }

    private static String describe(Attempt a) {
        return "turn " + a.turn() + ": " + a.kind() + " on " + a.target() + (a.command().isEmpty() ? "" : " (" + a.command().strip() + ")");
    }
}
