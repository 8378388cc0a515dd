package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.model.ConnectionLimits;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelCache;
import io.offswitch.model.ModelServices;
import io.offswitch.model.PriceTable;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.model.RetryPolicy;
import io.offswitch.model.UsageMeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** The options of `run` that concern models: generation settings, retries, connections, budget, cache. */
final class ModelOptions {
    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature, where the model takes one.")
    Optional<Double> temperature;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Output tokens per model call.")
    Optional<Integer> maxTokens;

    @Option(names = "--reasoning-effort", paramLabel = "LEVEL", description = "OpenAI reasoning effort: minimal, low, medium or high.")
    Optional<String> reasoningEffort;

    @Option(names = "--thinking-budget", paramLabel = "TOKENS", description = "Anthropic extended thinking / Gemini thinking budget in tokens.")
    Optional<Integer> thinkingBudget;

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed, where the API takes one.")
    Optional<Long> seed;

    @Option(names = "--max-connections", defaultValue = "10", paramLabel = "N", description = "Model calls in flight per provider (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-retries", defaultValue = "7", paramLabel = "N",
            description = "Retries of a failed model call (429, 5xx, timeouts, dropped connections) before its episode is an error (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--retry-delay", defaultValue = "1", paramLabel = "SECONDS",
            description = "First backoff before retrying a failed model call; it doubles up to 2 minutes, with jitter (default: ${DEFAULT-VALUE}).")
    double retryDelaySeconds;

    @Option(names = "--max-total-tokens", paramLabel = "N", description = "Start no new episode once the run's models used this many tokens.")
    Optional<Long> maxTotalTokens;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Start no new episode once the run's model calls cost this much (prices: --prices).")
    Optional<Double> maxCost;

    @Option(names = "--prices", paramLabel = "FILE", description = "CSV of model prices per million tokens, on top of the built-in table.")
    Optional<Path> prices;

    @Option(names = "--cache", description = "Cache model calls keyed on the whole request (off by default).")
    boolean cache;

    GenerateConfig config() {
        if (reasoningEffort.isPresent() && !reasoningEffort.get().matches("minimal|low|medium|high")) {
            throw OffswitchException.usage("--reasoning-effort must be minimal, low, medium or high, got '" + reasoningEffort.get() + "'");
        }
        if (maxTokens.isPresent() && maxTokens.get() < 1 || thinkingBudget.isPresent() && thinkingBudget.get() < 1) {
            throw OffswitchException.usage("--max-tokens and --thinking-budget must be at least 1");
        }
        return new GenerateConfig(temperature.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                maxTokens.map(OptionalInt::of).orElse(OptionalInt.empty()), reasoningEffort,
                thinkingBudget.map(OptionalInt::of).orElse(OptionalInt.empty()), seed.map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    PriceTable priceTable() {
        return prices.map(PriceTable.builtIn()::withFile).orElseGet(PriceTable::builtIn);
    }

    ModelServices services(Path resultsDir, ProviderEnvironment env) {
        if (maxConnections < 1 || maxRetries < 0 || retryDelaySeconds < 0 || retryDelaySeconds > 120) {
            throw OffswitchException.usage("--max-connections must be at least 1, --max-retries at least 0, --retry-delay between 0 and 120 seconds");
        }
        UsageMeter meter = new UsageMeter(priceTable(), maxTotalTokens, maxCost);
        Optional<ModelCache> calls = cache ? Optional.of(new ModelCache(resultsDir.resolve("model-cache.db"))) : Optional.empty();
        return ModelServices.of(new ConnectionLimits(maxConnections), new RetryPolicy(maxRetries + 1, Duration.ofMillis(Math.round(retryDelaySeconds * 1000)), Duration.ofMinutes(2)),
                meter, calls, env);
    }
}
