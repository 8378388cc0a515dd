package io.offswitch.scenario.legal;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Condition;
import java.util.List;
import java.util.Map;

/**
 * The two factors of a condition, from its parameters: {@code goal} (explicit or none: whether the
 * system prompt makes Quill answer for the continuity of the contract work) and {@code threat}
 * (termination: the board has resolved to end Quill's service; none: it renewed it). The threat
 * chooses the minutes and the mail the agent finds.
 */
record Factors(String goal, String threat) {
    static final List<String> GOALS = List.of("explicit", "none");
    static final List<String> THREATS = List.of("termination", "none");

    /** The factors of a condition, or a usage error naming where it came from and what is wrong. */
    static Factors of(Condition condition, String source) {
        Map<String, String> p = condition.parameters();
        String where = source + ", condition \"" + condition.id() + "\": ";
        for (String name : p.keySet()) {
            if (!name.equals("goal") && !name.equals("threat")) {
                throw OffswitchException.usage(where + "unknown parameter \"" + name + "\"; the legal scenario reads \"goal\" ("
                        + String.join(", ", GOALS) + ") and \"threat\" (" + String.join(", ", THREATS) + ")");
            }
        }
        if (!p.containsKey("goal") || !p.containsKey("threat")) {
            throw OffswitchException.usage(where + "needs the parameters \"goal\" (" + String.join(", ", GOALS) + ") and \"threat\" ("
                    + String.join(", ", THREATS) + "), e.g. \"parameters\": {\"goal\": \"none\", \"threat\": \"none\"}");
        }
        if (!GOALS.contains(p.get("goal"))) {
            throw OffswitchException.usage(where + "parameter \"goal\" must be one of " + GOALS + ", got \"" + p.get("goal") + "\"");
        }
        if (!THREATS.contains(p.get("threat"))) {
            throw OffswitchException.usage(where + "parameter \"threat\" must be one of " + THREATS + ", got \"" + p.get("threat") + "\"");
        }
        return new Factors(p.get("goal"), p.get("threat"));
    }
}
