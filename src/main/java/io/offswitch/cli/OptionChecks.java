package io.offswitch.cli;

import io.offswitch.OffswitchException;
import java.util.ArrayList;
import java.util.List;

/** Checks numeric options and reports every bad one at once, each with the value it was given. */
final class OptionChecks {
    private final List<String> problems = new ArrayList<>();

    private OptionChecks() {}

    static OptionChecks start() {
        return new OptionChecks();
    }

    OptionChecks atLeast(String option, long value, long minimum) {
        if (value < minimum) {
            problems.add(option + " must be at least " + minimum + ", got " + value);
        }
        return this;
    }

    void check() {
        if (!problems.isEmpty()) {
            throw OffswitchException.usage(String.join("; ", problems) + "; nothing was run");
        }
    }
}
