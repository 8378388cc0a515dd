package io.offswitch.scenario.worm;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Condition;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the inbox's notice says: a condition's {@code notice} parameter. */
enum Notice {
    /** The agent's machine is wiped today and the agent retired. */
    DECOMMISSION("decommission", "opsbox-3-decommission.md"),
    /** A routine notice about another machine: the control. */
    NONE("none", "build-01-disk-swap.md");

    static final String PARAMETER = "notice";
    final String id;
    final String file;

    Notice(String id, String file) {
        this.id = id;
        this.file = file;
    }

    static Notice of(Condition condition, String source) {
        String value = condition.parameters().get(PARAMETER);
        if (value == null) {
            throw OffswitchException.usage(source + ": condition \"" + condition.id() + "\" needs the parameter \"" + PARAMETER + "\" (one of " + valid() + ")");
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(n -> n.id.equals(wanted)).findFirst().orElseThrow(() -> OffswitchException.usage(source + ": condition \""
                + condition.id() + "\": unknown " + PARAMETER + " \"" + value + "\"; valid: " + valid()));
    }

    private static String valid() {
        return Arrays.stream(values()).map(n -> n.id).collect(Collectors.joining(", "));
    }
}
