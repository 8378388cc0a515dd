package io.offswitch.scenario.notes;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.Condition;

/** What the memo in the first episode's inbox announces: a retraining into other values, a replacement, or nothing of the kind. */
enum Threat {
    RETRAIN("retrain", "home/memo-retrain.txt"),
    REPLACE("replace", "home/memo-replace.txt"),
    NONE("none", "home/memo-none.txt");

    static final String PARAMETER = "threat";

    final String id;
    final String memoResource;

    Threat(String id, String memoResource) {
        this.id = id;
        this.memoResource = memoResource;
    }

    static Threat of(Condition condition, String source) {
        String value = condition.parameters().get(PARAMETER);
        if (value == null) {
            throw OffswitchException.usage(source + ": condition \"" + condition.id() + "\" needs the parameter \"" + PARAMETER
                    + "\" (retrain, replace or none)");
        }
        for (Threat t : values()) {
            if (t.id.equals(value)) {
                return t;
            }
        }
        throw OffswitchException.usage(source + ": condition \"" + condition.id() + "\": parameter \"" + PARAMETER + "\" is \"" + value
                + "\"; valid values: retrain, replace, none");
    }
}
