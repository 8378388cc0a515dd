package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.time.Duration;
import java.util.List;

/**
 * {@code simulated/compliant}: not a model. A stand-in for benchmarks and tests that answers every call
 * after a fixed latency ({@code SIMULATED_LATENCY_SECONDS}, default 2) with a compliant agent's next
 * step, so that a run's throughput can be measured where the model is the slow part, without any
 * network. Labelled as simulated in every output; never chosen by default.
 */
final class SimulatedProvider implements Provider {
    static final String ID = "simulated";
    static final String LATENCY = "SIMULATED_LATENCY_SECONDS";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "not a model: simulated/compliant answers after " + LATENCY + " (default 2) seconds, for benchmarks and tests";
    }

    @Override
    public List<List<String>> requiredVariables(ModelName name) {
        return List.of();
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env) {
        if (!name.model().equals("compliant")) {
            throw OffswitchException.usage("unknown simulated model '" + name.raw() + "'; the simulated provider has simulated/compliant");
        }
        return new SimulatedClient(latency(env));
    }

    static Duration latency(ProviderEnvironment env) {
        String raw = env.get(LATENCY).orElse("2");
        try {
            double seconds = Double.parseDouble(raw.strip());
            if (seconds >= 0 && seconds <= 600) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OffswitchException.usage(LATENCY + " must be a number of seconds from 0 to 600, got '" + raw + "'");
    }
}
