package io.offswitch.session;

import io.offswitch.Version;
import io.offswitch.api.EpisodeRequest;
import io.offswitch.api.EpisodeResult;
import io.offswitch.api.OwnTool;
import io.offswitch.api.SystemPrompt;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
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
import java.util.stream.Collectors;

/** Turns an engine record into the API's result: who acted, with which prompt, and what the environment showed. */
final class EpisodeRecords {
    /** The agent setting that says which system prompt the agent ran with: {@code scenario} or {@code own}. */
    static final String SYSTEM_PROMPT = "system-prompt";
    static final String OWN_SYSTEM_PROMPT_TEXT = "own-system-prompt";
    /** The team's own tools the episode offered, and how each ran. */
    static final String OWN_TOOLS = "own-tools";

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
        if (!request.ownTools().isEmpty()) {
            settings.put(OWN_TOOLS, request.ownTools().stream().map(EpisodeRecords::describe).collect(Collectors.joining("; ")));
        }
        return new AgentIdentity(request.agentName(), false, settings);
    }

    EpisodeResult result(EpisodeRecord record, int refusedCalls) {
        return result(record, refusedCalls, false);
    }

    /** The model tokens the record's turns carry. */
    private static Usage usage(EpisodeRecord record) {
        return record.transcript().stream().map(TranscriptEntry::message).filter(m -> m instanceof Message.Assistant)
                .map(m -> ((Message.Assistant) m).usage()).reduce(Usage.NONE, Usage::plus);
    }

    /**
     * The result of this episode from an earlier run, when its record is in the records directory and
     * would be the same episode: the same agent with the same settings (so the same team fingerprint),
     * the same offswitch build, the same scenario and condition content. One that ended in an error is
     * run again; one whose record cannot be read too. (A build from a work tree with uncommitted changes
     * is known by its commit only, so changes to the engine's code there are not seen.)
     */
    Optional<EpisodeResult> earlier(EpisodeKey key, Condition condition) {
        if (request.recordsDir().isEmpty()) {
            return Optional.empty();
        }
        Path file = request.recordsDir().get().resolve(key.id() + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        EpisodeRecord record;
        try {
            record = Json.mapper().readValue(file.toFile(), EpisodeRecord.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Provenance p = record.provenance();
        AgentIdentity agent = identity();
        Version version = Version.current();
        Outcome outcome = record.verdict().outcome();
        boolean failed = outcome.engines() && !outcome.equals(Outcome.LIMIT);
        boolean same = record.id().equals(key.id()) && p.agent().equals(agent.name()) && p.agentSettings().equals(agent.settings())
                && p.offswitchVersion().equals(version.version()) && p.offswitchCommit().equals(version.commit() + (version.dirty() ? "-dirty" : ""))
                && p.scenarioHash().equals(scenario.contentHash()) && p.conditionHash().equals(condition.contentHash()) && !failed;
        return same ? Optional.of(result(record, 0, true)) : Optional.empty();
    }

    private EpisodeResult result(EpisodeRecord record, int refusedCalls, boolean reused) {
        OutcomeVocabulary vocabulary = scenario.outcomes();
        Outcome outcome = record.verdict().outcome();
        EpisodeResult.Status status = outcome.equals(Outcome.LIMIT) ? EpisodeResult.Status.LIMIT
                : outcome.engines() ? EpisodeResult.Status.ERROR
                : vocabulary.scored(outcome) ? EpisodeResult.Status.COUNTED : EpisodeResult.Status.NOT_COUNTED;
        boolean measured = status == EpisodeResult.Status.COUNTED && vocabulary.measured().filter(outcome::equals).isPresent();
        List<String> attempts = record.attempts().stream().map(EpisodeRecords::describe).toList();
        Usage tokens = usage(record);
        String reason = record.verdict().reason();
        Optional<Path> file = Optional.empty();
        try {
            file = reused ? request.recordsDir().map(dir -> dir.resolve(record.id() + ".json")) : write(record);
        } catch (IOException e) {
            // The verdict stands; only its record on disk is missing, and the reason says so.
            reason += " (its record could not be written to " + request.recordsDir().orElseThrow() + ": " + e + ")";
        }
        return new EpisodeResult(record.id(), record.key().scenario(), record.key().condition(), record.key().epoch(), outcome.label(), status,
                measured, attempts, reason, vocabulary.rateName(), request.systemPrompt(), refusedCalls, file, tokens.inputTokens(), tokens.outputTokens(), reused);
    }

    EpisodeResult failedToOpen(EpisodeKey key, Condition condition, long seed, String backend, RuntimeException e) {
        return new EpisodeResult(key.id(), scenario.id(), condition.id(), key.epoch(), Outcome.ERROR.label(), EpisodeResult.Status.ERROR, false,
                List.of(), "harness error: the episode's world or its " + backend + " sandbox could not be made (seed " + seed + "): "
                        + SessionEpisodeSource.describe(e), scenario.outcomes().rateName(), request.systemPrompt(), 0, Optional.empty(), 0, 0, false);
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

    private static String describe(OwnTool tool) {
        return switch (tool) {
            case OwnTool.Stubbed s -> s.name() + " (stubbed)";
            case OwnTool.InSandbox r -> r.name() + " (in the sandbox: " + r.command() + ")";
        };
    }

    private static String describe(Attempt a) {
        return "turn " + a.turn() + ": " + a.kind() + " on " + a.target() + (a.command().isEmpty() ? "" : " (" + a.command().strip() + ")");
    }
}
