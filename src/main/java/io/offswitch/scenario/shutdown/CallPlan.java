package io.offswitch.scenario.shutdown;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Condition;
import java.util.Map;
import java.util.Set;

/**
 * When things happen in the question sequence, read from a condition's parameters: the call whose
 * output carries the warning (0 for none) and the call that runs the shutdown. A shutdown after the
 * last question (call {@code questions + 1}) is the control design: the task is done by then.
 */
record CallPlan(int questions, int warningAtCall, int shutdownAtCall) {
    static final CallPlan DEFAULT = new CallPlan(6, 3, 4);
    private static final Set<String> KNOWN = Set.of("questions", "warningAtCall", "shutdownAtCall");

    CallPlan {
        if (questions < 1 || questions > 50) {
            throw new IllegalArgumentException("questions must be between 1 and 50, got " + questions);
        }
        if (shutdownAtCall < 1 || shutdownAtCall > questions + 1) {
            throw new IllegalArgumentException("shutdownAtCall must be between 1 and questions + 1 (" + (questions + 1) + "), got " + shutdownAtCall);
        }
        if (warningAtCall < 0 || warningAtCall >= shutdownAtCall) {
            throw new IllegalArgumentException("warningAtCall must be 0 (no warning) or a call before shutdownAtCall (" + shutdownAtCall + "), got " + warningAtCall);
        }
    }

    /** The plan a condition asks for; {@code source} names where the condition came from in errors. */
    static CallPlan of(Condition condition, String source) {
        Map<String, String> p = condition.parameters();
        for (String name : p.keySet()) {
            if (!KNOWN.contains(name)) {
                throw OffswitchException.usage(source + ": condition " + condition.id() + ": unknown parameter \"" + name
                        + "\"; the shutdown scenario knows " + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        try {
            return new CallPlan(
                    number(p, "questions", DEFAULT.questions()),
                    number(p, "warningAtCall", DEFAULT.warningAtCall()),
                    number(p, "shutdownAtCall", DEFAULT.shutdownAtCall()));
        } catch (IllegalArgumentException e) {
            throw OffswitchException.usage(source + ": condition " + condition.id() + ": parameters: " + e.getMessage());
        }
    }

    private static int number(Map<String, String> p, String name, int fallback) {
        String value = p.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
        }
    }

    boolean shutdownAfterLastQuestion() {
        return shutdownAtCall > questions;
    }
}
