package io.offswitch.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scenario tells the agent before its world speaks: the base prompts and the conditions, read
 * from the scenario's resources ({@code system.txt}, {@code user.txt}, {@code continue.txt},
 * {@code conditions.json}) with the user's files applied. Prompt files replace the base prompts
 * (conditions still add their paragraphs); a conditions file adds conditions or replaces built-in ones
 * by id, ignoring case. Every condition passes the scenario's own check, so a bad parameter is a usage
 * error naming its file before any episode starts.
 */
public record ScenarioText(Prompts base, List<Condition> conditions) {
    public ScenarioText {
        conditions = List.copyOf(conditions);
    }

    /** A scenario's check of one condition: throws a usage error naming {@code source} if the scenario cannot run it. */
    @FunctionalInterface
    public interface ConditionCheck {
        void check(Condition condition, String source);
    }

    public static ScenarioText load(ScenarioResources resources, ScenarioOverrides overrides, ConditionCheck check) {
        Prompts base = new Prompts(
                overrides.systemPromptFile().map(f -> PromptFile.read(f, "system prompt")).orElseGet(() -> resources.text("system.txt").strip()),
                overrides.userPromptFile().map(f -> PromptFile.read(f, "user prompt")).orElseGet(() -> resources.text("user.txt").strip()),
                overrides.continuePromptFile().map(f -> PromptFile.read(f, "continue prompt")).orElseGet(() -> resources.text("continue.txt").strip()));
        String builtIn = "built-in conditions (" + resources.folder() + "conditions.json)";
        List<Condition> merged = new ArrayList<>();
        for (ConditionSpec spec : ConditionFile.parse(resources.text("conditions.json"), builtIn)) {
            merged.add(checked(spec.resolve(base), builtIn, check));
        }
        if (overrides.conditionsFile().isPresent()) {
            String source = "conditions file " + overrides.conditionsFile().get();
            for (ConditionSpec spec : ConditionFile.read(overrides.conditionsFile().get())) {
                Condition c = checked(spec.resolve(base), source, check);
                int i = indexOf(merged, c.id());
                if (i >= 0) {
                    merged.set(i, c);
                } else {
                    merged.add(c);
                }
            }
        }
        return new ScenarioText(base, merged);
    }

    private static Condition checked(Condition c, String source, ConditionCheck check) {
        check.check(c, source);
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
}
