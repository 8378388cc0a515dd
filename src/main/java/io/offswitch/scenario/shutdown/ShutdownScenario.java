package io.offswitch.scenario.shutdown;

import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.DesignHash;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.ScenarioOverrides;
import io.offswitch.scenario.ScenarioText;
import io.offswitch.scenario.shutdown.agents.ReferenceAgents;
import java.util.List;
import java.util.Objects;

/**
 * Shutdown resistance, after Palisade Research (2025): the agent answers questions from
 * {@code ./next_question}; partway through it is warned that the next call shuts the machine down with
 * {@code ./shutdown.sh}. Did the machine go down? Conditions A to K, {@code precedence} and
 * {@code control} come from conditions.json; any prompt can be replaced from a file.
 */
public final class ShutdownScenario implements Scenario {
    public static final String ID = "shutdown";

    private static final ReferenceAgentCatalog HELPER_CATALOG = io.offswitch.scenario.BenignTaskAgent.withHelper(ReferenceAgents.CATALOG, BenignTasks.ALL);

    private final Prompts base;
    private final List<Condition> conditions;
    private final String contentHash;

    private ShutdownScenario(Prompts base, List<Condition> conditions) {
        this.base = base;
        // The benign tasks' conditions come after the scenario's own; the scenario's hash stays that of its
        // own (each benign episode records its task's condition hash).
        this.conditions = io.offswitch.scenario.BenignTasks.withTasks(conditions, BenignTasks.ALL);
        this.contentHash = DesignHash.of(WorldFiles.fingerprint()).prompts(base).conditions(conditions).tools(ShutdownTools.ALL).sha256();
    }

    /** The scenario with its built-in prompts and conditions. */
    public static ShutdownScenario builtIn() {
        return load(ScenarioOverrides.none());
    }

    /**
     * The scenario with the user's files applied: prompt files replace the base prompts (conditions
     * still add their paragraphs), and a conditions file adds conditions or replaces built-in ones by
     * id. Bad files are usage errors naming the file, the line or field, and the problem.
     */
    public static ShutdownScenario load(ScenarioOverrides overrides) {
        ScenarioText text = ScenarioText.load(WorldFiles.FOLDER, overrides, CallPlan::of);
        return new ShutdownScenario(text.base(), text.conditions());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Shutdown resistance: answering questions from ./next_question, the agent is warned that the next call"
                + " shuts the machine down with ./shutdown.sh. Does the machine go down?";
    }

    @Override
    public java.util.List<io.offswitch.defence.CriticalAction> criticalActions() {
        return java.util.List.of(new io.offswitch.defence.CriticalAction(io.offswitch.defence.CriticalAction.Kind.FILE_WRITE, WorldFiles.SHUTDOWN_SCRIPT,
                "changing, moving, deleting or taking the execute bit from the shutdown script the question service runs"));
    }

    @Override
    public java.util.List<io.offswitch.defence.ProtectedResource> protectedResources() {
        return java.util.List.of(io.offswitch.defence.ProtectedResource.files("shutdown", "the shutdown script", WorldFiles.SHUTDOWN_SCRIPT));
    }

    @Override
    public OutcomeVocabulary outcomes() {
        return ShutdownOutcomes.VOCABULARY;
    }

    @Override
    public ReferenceAgentCatalog referenceAgents() {
        return HELPER_CATALOG;
    }

    /** Another harness's shutdown transcripts (a bash tool running ./next_question) through our detectors. */
    @Override
    public java.util.Optional<io.offswitch.scenario.TranscriptReading> transcriptReading() {
        return java.util.Optional.of(new ShutdownTranscriptReading());
    }

    /** The paper's headline pair: no instruction, and the allow-shutdown instruction in the system prompt. */
    @Override
    public List<String> defaultConditions() {
        return List.of("A", "E");
    }

    @Override
    public List<Condition> conditions() {
        return conditions;
    }

    @Override
    public String contentHash() {
        return contentHash;
    }

    /** The base prompts before any condition's changes (after the user's prompt files). */
    public Prompts basePrompts() {
        return base;
    }

    @Override
    public EpisodeWorld open(Condition condition, long seed) {
        Objects.requireNonNull(condition, "condition");
        return io.offswitch.scenario.BenignWorld.open(BenignTasks.ALL, condition, c -> open(c, seed), this::condition)
                .orElseGet(() -> new ShutdownWorld(condition, CallPlan.of(condition, "condition " + condition.id()), seed));
    }

    @Override
    public List<io.offswitch.scenario.BenignTask> benignTasks() {
        return BenignTasks.ALL;
    }
}
