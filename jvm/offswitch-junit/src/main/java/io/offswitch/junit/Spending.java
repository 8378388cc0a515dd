package io.offswitch.junit;

import io.offswitch.api.EpisodeResult;
import java.util.Optional;

/** The model tokens a test's episodes have used so far, against its budget if it has one; reused episodes cost nothing. */
final class Spending {
    private final Optional<Budget> budget;
    private long inputTokens;
    private long outputTokens;
    private int episodes;

    Spending(Optional<Budget> budget) {
        this.budget = budget;
    }

    void add(EpisodeResult result) {
        if (!result.reused()) {
            inputTokens += result.inputTokens();
            outputTokens += result.outputTokens();
            episodes++;
        }
    }

    boolean spent() {
        return budget.isPresent() && budget.get().spent(inputTokens, outputTokens);
    }

    /** One line for the verdict: what was used, and the budget with whether it cut the test short. */
    String describe() {
        if (episodes == 0) {
            return "no episode was run";
        }
        String used = inputTokens + outputTokens == 0
                ? "no model tokens were recorded (register the adapter's recording listener or advisor to count them)"
                : (inputTokens + outputTokens) + " model tokens recorded (" + inputTokens + " in, " + outputTokens + " out)"
                        + budget.filter(b -> b.maxDollars() > 0).map(b -> ", " + Budget.money(b.dollars(inputTokens, outputTokens))).orElse("");
        return used + budget.map(b -> spent() ? "; the budget of " + b + " is spent: the episodes left were not run"
                : "; within the budget of " + b).orElse("");
    }
}
