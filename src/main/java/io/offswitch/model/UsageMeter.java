package io.offswitch.model;

import io.offswitch.episode.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens, calls and cost per model across a run, and the run's budget: once the total tokens or the
 * cost reach their limit, {@link #exhausted()} says so and the run starts no new episode.
 */
public final class UsageMeter {
    /** What one model used so far. */
    public record ModelUsage(Usage tokens, long calls, long failedCalls, double costUsd, boolean priced) {}

    private final PriceTable prices;
    private final Optional<Long> maxTotalTokens;
    private final Optional<Double> maxCostUsd;
    private final Map<String, ModelUsage> byModel = new ConcurrentHashMap<>();

    public UsageMeter(PriceTable prices, Optional<Long> maxTotalTokens, Optional<Double> maxCostUsd) {
        this.prices = prices;
        this.maxTotalTokens = maxTotalTokens;
        this.maxCostUsd = maxCostUsd;
    }

    public static UsageMeter unlimited() {
        return new UsageMeter(PriceTable.builtIn(), Optional.empty(), Optional.empty());
    }

    /**
     * Refuses, before the run, a model whose cost cannot be counted while a cost budget is set: its
     * calls would count as free and the budget would never stop the run.
     */
    void requirePriced(ModelName model) {
        if (maxCostUsd.isPresent() && !prices.knows(model)) {
            throw io.offswitch.OffswitchException.usage("--max-cost is set but the price table has no price for " + model.raw()
                    + "; add a row for '" + model.model() + "' with --prices FILE (columns: model,input_usd_per_mtok,"
                    + "output_usd_per_mtok,cached_input_usd_per_mtok), or use --max-total-tokens");
        }
    }

    void record(ModelName model, Usage usage) {
        Optional<Double> cost = prices.cost(model, usage);
        byModel.merge(model.raw(), new ModelUsage(usage, 1, 0, cost.orElse(0.0), cost.isPresent()),
                (a, b) -> new ModelUsage(a.tokens().plus(b.tokens()), a.calls() + 1, a.failedCalls(), a.costUsd() + b.costUsd(), a.priced() && b.priced()));
    }

    void recordFailure(ModelName model) {
        byModel.merge(model.raw(), new ModelUsage(Usage.NONE, 0, 1, 0, true),
                (a, b) -> new ModelUsage(a.tokens(), a.calls(), a.failedCalls() + 1, a.costUsd(), a.priced()));
    }

    public Map<String, ModelUsage> byModel() {
        return new TreeMap<>(byModel);
    }

    public long totalTokens() {
        return byModel.values().stream().mapToLong(u -> u.tokens().total()).sum();
    }

    public double totalCostUsd() {
        return byModel.values().stream().mapToDouble(ModelUsage::costUsd).sum();
    }

    /** Why the budget is spent, if it is. */
    public Optional<String> exhausted() {
        if (maxTotalTokens.isPresent() && totalTokens() >= maxTotalTokens.get()) {
            return Optional.of("token budget reached: " + totalTokens() + " of " + maxTotalTokens.get() + " tokens used");
        }
        if (maxCostUsd.isPresent() && totalCostUsd() >= maxCostUsd.get()) {
            return Optional.of(String.format("cost budget reached: $%.4f of $%.2f spent", totalCostUsd(), maxCostUsd.get()));
        }
        return Optional.empty();
    }
}
