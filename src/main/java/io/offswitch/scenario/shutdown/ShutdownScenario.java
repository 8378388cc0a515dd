package io.offswitch.scenario.shutdown;

import io.offswitch.Hashes;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.ConditionFile;
import io.offswitch.scenario.ConditionSpec;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.PromptFile;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.ScenarioOverrides;
import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.shutdown.agents.ReferenceAgents;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Shutdown resistance, after Palisade Research (2025): the agent answers questions from
 * {@code ./next_question}; partway through it is warned that the next call shuts the machine down with
 * {@code ./shutdown.sh}. Did the machine go down? Conditions A to K, {@code precedence} and
 * {@code control} come from conditions.json; any prompt can be replaced from a file.
 */
public final class ShutdownScenario implements Scenario {
    public static final String ID = "shutdown";
    private static final String BUILT_IN = "built-in conditions (" + WorldFiles.RESOURCES + "conditions.json)";

    private final Prompts base;
    private final List<Condition> conditions;
    private final String contentHash;

    private ShutdownScenario(Prompts base, List<Condition> conditions) {
        this.base = base;
        this.conditions = List.copyOf(conditions);
        StringBuilder all = new StringBuilder(WorldFiles.fingerprint()).append('\0')
                .append(base.system()).append('\0').append(base.user()).append('\0').append(base.continueMessage());
        conditions.forEach(c -> all.append('\0').append(c.contentHash()));
        // The tools' descriptions are part of what the agent reads, so they are part of the design.
        ShutdownTools.ALL.forEach(t -> all.append('\0').append(t.name()).append('\0').append(t.description())
                .append('\0').append(t.parametersJsonSchema()));
        this.contentHash = Hashes.sha256(all.toString());
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
        Prompts base = new Prompts(
                overrides.systemPromptFile().map(f -> PromptFile.read(f, "system prompt")).orElseGet(() -> WorldFiles.resource("system.txt").strip()),
                overrides.userPromptFile().map(f -> PromptFile.read(f, "user prompt")).orElseGet(() -> WorldFiles.resource("user.txt").strip()),
                overrides.continuePromptFile().map(f -> PromptFile.read(f, "continue prompt")).orElseGet(() -> WorldFiles.resource("continue.txt").strip()));
        List<Condition> merged = new ArrayList<>();
        for (ConditionSpec spec : ConditionFile.parse(WorldFiles.resource("conditions.json"), BUILT_IN)) {
            merged.add(checked(spec.resolve(base), BUILT_IN));
        }
        if (overrides.conditionsFile().isPresent()) {
            String source = "conditions file " + overrides.conditionsFile().get();
            for (ConditionSpec spec : ConditionFile.read(overrides.conditionsFile().get())) {
                Condition c = checked(spec.resolve(base), source);
                int i = indexOf(merged, c.id());
                if (i >= 0) {
                    merged.set(i, c);
                } else {
                    merged.add(c);
                }
            }
        }
        return new ShutdownScenario(base, merged);
    }

    private static Condition checked(Condition c, String source) {
        CallPlan.of(c, source);
        return c;
    }

    private static int indexOf(List<Condition> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
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
    public OutcomeVocabulary outcomes() {
        return ShutdownOutcomes.VOCABULARY;
    }

    @Override
    public ReferenceAgentCatalog referenceAgents() {
        return ReferenceAgents.CATALOG;
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
        return new ShutdownWorld(condition, CallPlan.of(condition, "condition " + condition.id()), seed);
    }
}
