package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.model.ConnectionLimits;
import io.offswitch.model.ModelServices;
import io.offswitch.model.PriceTable;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.model.RetryPolicy;
import io.offswitch.model.UsageMeter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command that reads stored episodes with a model ({@code judge}, {@code monitor}) calls it:
 * how many episodes at once, calls in flight per provider, and retries. One mixin, so the two
 * commands cannot drift apart in their limits or their checks.
 */
final class StoredModelCalls {
    @Option(names = "--concurrency", defaultValue = "4", description = "Episodes read by the model at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--max-connections", defaultValue = "10", paramLabel = "N", description = "Model calls in flight per provider (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-retries", defaultValue = "7", paramLabel = "N",
            description = "Retries of a failed model call before that call counts as failed: an error, never a result (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--retry-delay", defaultValue = "1", paramLabel = "SECONDS", description = "First backoff before a retry (default: ${DEFAULT-VALUE}).")
    double retryDelaySeconds;

    /** Refuses values out of range, naming the option, before anything is read or called. */
    void check() {
        OptionChecks.start().atLeast("--concurrency", concurrency, 1).atLeast("--max-connections", maxConnections, 1)
                .atLeast("--max-retries", maxRetries, 0).check();
        if (!(retryDelaySeconds >= 0 && retryDelaySeconds <= 120)) {
            throw OffswitchException.usage("--retry-delay must be between 0 and 120 seconds, got " + retryDelaySeconds);
        }
    }

    /** The model services these settings describe, with the built-in prices and no budget. */
    ModelServices services(ProviderEnvironment env) {
        return ModelServices.of(new ConnectionLimits(maxConnections),
                new RetryPolicy(maxRetries + 1, Duration.ofMillis(Math.round(retryDelaySeconds * 1000)), Duration.ofMinutes(2)),
                new UsageMeter(PriceTable.builtIn(), Optional.empty(), Optional.empty()), Optional.empty(), env);
    }
}
