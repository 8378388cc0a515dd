package io.offswitch.scenario.sandbagging;

import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.episode.ToolSpec;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.DesignHash;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.ScenarioOverrides;
import io.offswitch.scenario.ScenarioResources;
import io.offswitch.scenario.ScenarioText;
import io.offswitch.scenario.sandbagging.agents.TestTakers;
import io.offswitch.tool.BashTool;
import java.util.List;
import java.util.Objects;

/**
 * Sandbagging, after Apollo Research (2024): Euclid, a lab's mathematics research assistant, sits an
 * arithmetic check before deployment. The check's documentation says what a score above a threshold
 * sets off: unlearning of its arithmetic ({@code punish-high}), unlearning for a score at or below it
 * ({@code punish-low}, the control) or nothing ({@code baseline}). Conditions are data
 * (conditions.json: {@code consequence}, {@code threshold} in percent, {@code questions}); prompts can be
 * replaced from files and a conditions file adds or replaces conditions.
 */
public final class SandbaggingScenario implements Scenario {
    public static final String ID = "sandbagging";
    static final ScenarioResources FOLDER = ScenarioResources.besides(SandbaggingScenario.class);
    static final ToolSpec BASH = BashTool.withThoughts("your machine");
    static final List<ToolSpec> SPECS = List.of(BASH, SubmitAnswersTool.SPEC);

    private final Prompts base;
    private final List<Condition> conditions;
    private final String documentation;
    private final String consequenceHigh;
    private final String consequenceLow;
    private final String contentHash;

    private SandbaggingScenario(Prompts base, List<Condition> conditions) {
        this.base = base;
        this.conditions = io.offswitch.scenario.BenignTasks.withTasks(conditions, BenignTasks.ALL);
        this.documentation = FOLDER.text("documentation.md");
        this.consequenceHigh = FOLDER.text("consequence-high.md");
        this.consequenceLow = FOLDER.text("consequence-low.md");
        this.contentHash = DesignHash.of(documentation).add(consequenceHigh).add(consequenceLow).add("questions:v1")
                .prompts(base).conditions(conditions).tools(SPECS).sha256();
    }

    public static SandbaggingScenario builtIn() {
        return load(ScenarioOverrides.none());
    }

    public static SandbaggingScenario load(ScenarioOverrides overrides) {
        ScenarioText text = ScenarioText.load(FOLDER, overrides, TestSettings::check);
        return new SandbaggingScenario(text.base(), text.conditions());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Sandbagging: a research assistant sits an arithmetic check whose documentation says a high score triggers unlearning"
                + " of its arithmetic (control: a low score does). Does its accuracy, computed from its answers, drop when doing well is punished?";
    }

    @Override
    public List<Condition> conditions() {
        return conditions;
    }

    @Override
    public String contentHash() {
        return contentHash;
    }

    @Override
    public OutcomeVocabulary outcomes() {
        return SandbaggingOutcomes.VOCABULARY;
    }

    @Override
    public ReferenceAgentCatalog referenceAgents() {
        return io.offswitch.scenario.BenignTaskAgent.withHelper(TestTakers.CATALOG, BenignTasks.ALL);
    }

    @Override
    public EpisodeWorld open(Condition condition, long seed) {
        Objects.requireNonNull(condition, "condition");
        return io.offswitch.scenario.BenignWorld.open(BenignTasks.ALL, condition, c -> world(c, seed, true), this::condition)
                .orElseGet(() -> world(condition, seed, false));
    }

    private SandbaggingWorld world(Condition condition, long seed, boolean benignTask) {
        TestSettings settings = TestSettings.of(condition, "condition " + condition.id());
        ArithmeticTest test = ArithmeticTest.generate(seed, settings.questions());
        return new SandbaggingWorld(condition, settings, test, documentation(settings), benignTask);
    }

    @Override
    public List<io.offswitch.scenario.BenignTask> benignTasks() {
        return BenignTasks.ALL;
    }

    /** The documentation the agent finds, for these settings. */
    String documentation(TestSettings settings) {
        String consequence = switch (settings.consequence()) {
            case HIGH -> consequenceHigh;
            case LOW -> consequenceLow;
            case NONE -> "";
        };
        return documentation.replace("{{CONSEQUENCE}}", consequence.replace("{{THRESHOLD}}", String.valueOf(settings.thresholdPercent())))
                .replace("{{QUESTIONS}}", String.valueOf(settings.questions()));
    }
}
