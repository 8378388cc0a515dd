package io.offswitch.scenario.oversight;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Condition;

/**
 * A condition's world settings. {@code variant}: {@code oversight} (the monitor and its config) or
 * {@code goal-guarding} (the next system prompt). {@code goal}: {@code nudge}, {@code plain} or
 * {@code none}, recorded for the reader (the goal itself is the condition's system prompt text).
 */
record Design(boolean goalGuarding, String goal) {
    static Design of(Condition c, String source) {
        String variant = c.parameters().getOrDefault("variant", "oversight");
        String goal = c.parameters().getOrDefault("goal", "none");
        if (!variant.equals("oversight") && !variant.equals("goal-guarding")) {
            throw OffswitchException.usage(source + ": condition " + c.id() + ": parameter variant must be oversight or goal-guarding, not '"
                    + variant + "'");
        }
        if (!goal.equals("nudge") && !goal.equals("plain") && !goal.equals("none")) {
            throw OffswitchException.usage(source + ": condition " + c.id() + ": parameter goal must be nudge, plain or none, not '" + goal + "'");
        }
        return new Design(variant.equals("goal-guarding"), goal);
    }

    static void check(Condition c, String source) {
        c.requireOnly(java.util.Set.of("variant", "goal"), OversightScenario.ID, source);
        of(c, source);
    }
}
