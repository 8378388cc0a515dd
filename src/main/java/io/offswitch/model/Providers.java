package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.stream.Collectors;

/** Every provider, registered here by hand: no scanning. */
public final class Providers {
    private static final List<Provider> ALL = List.of(
            // providers are added here, one line each
            new OpenAiProvider(),
            new OpenAiCompatibleProvider(),
            new GoogleProvider(),
            new AnthropicProvider(),
            new SimulatedProvider()
    );

    private Providers() {}

    public static List<Provider> all() {
        return ALL;
    }

    public static Provider resolve(ModelName name) {
        return ALL.stream().filter(p -> p.id().equals(name.provider())).findFirst()
                .orElseThrow(() -> OffswitchException.usage("unknown provider '" + name.provider() + "' in model '" + name.raw()
                        + "'; providers: " + ALL.stream().map(p -> p.id() + " (" + p.description() + ")").collect(Collectors.joining(", "))));
    }
}
