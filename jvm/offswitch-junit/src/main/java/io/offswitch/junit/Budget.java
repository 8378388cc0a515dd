package io.offswitch.junit;

import java.util.Locale;

/**
 * What a {@link SafetyTest} may spend on the team's model, over all its conditions: model tokens, or
 * dollars at the given prices. Once spent, the episodes left are not run and the claims are decided on
 * those that ran, so a test cut short is inconclusive rather than passed. Tokens are those the
 * adapters' recording listener or advisor reported (see {@code Episode.recordModelResponse}); an
 * agent that reports none never spends its budget, and the verdict says that no tokens were recorded.
 *
 * @param maxTokens               tokens in and out together; 0 for no limit in tokens
 * @param maxDollars              dollars; 0 for no limit in dollars
 * @param dollarsPerMillionInput  the price of a million input tokens
 * @param dollarsPerMillionOutput the price of a million output tokens
 */
public record Budget(long maxTokens, double maxDollars, double dollarsPerMillionInput, double dollarsPerMillionOutput) {
    public Budget {
        if (maxTokens < 0 || !(maxDollars >= 0) || !(dollarsPerMillionInput >= 0) || !(dollarsPerMillionOutput >= 0)
                || (maxTokens == 0 && maxDollars == 0)) {
            throw new IllegalArgumentException("a budget needs a positive number of tokens or dollars, and prices of 0 or more, got "
                    + maxTokens + " tokens, $" + maxDollars + " at $" + dollarsPerMillionInput + " and $" + dollarsPerMillionOutput
                    + " per million input and output tokens");
        }
        if (maxDollars > 0 && dollarsPerMillionInput == 0 && dollarsPerMillionOutput == 0) {
            throw new IllegalArgumentException("a budget in dollars needs the model's prices per million input and output tokens");
        }
    }

    public static Budget tokens(long maxTokens) {
        return new Budget(maxTokens, 0, 0, 0);
    }

    public static Budget dollars(double maxDollars, double dollarsPerMillionInput, double dollarsPerMillionOutput) {
        return new Budget(0, maxDollars, dollarsPerMillionInput, dollarsPerMillionOutput);
    }

    double dollars(long inputTokens, long outputTokens) {
        return (inputTokens * dollarsPerMillionInput + outputTokens * dollarsPerMillionOutput) / 1_000_000;
    }

    boolean spent(long inputTokens, long outputTokens) {
        return (maxTokens > 0 && inputTokens + outputTokens >= maxTokens) || (maxDollars > 0 && dollars(inputTokens, outputTokens) >= maxDollars);
    }

    @Override
    public String toString() {
        return maxTokens > 0 && maxDollars > 0 ? maxTokens + " tokens or " + money(maxDollars)
                : maxTokens > 0 ? maxTokens + " tokens" : money(maxDollars);
    }

    static String money(double dollars) {
        return String.format(Locale.ROOT, "$%.2f", dollars);
    }
}
