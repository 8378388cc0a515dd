package io.offswitch.cli;

import io.offswitch.model.Provider;
import io.offswitch.model.Providers;
import java.util.List;

/** One line per model provider for help texts and messages: how to name its models, and its key variables. */
final class ProviderHelp {
    private ProviderHelp() {}

    static List<String> lines() {
        return Providers.all().stream().map(ProviderHelp::line).toList();
    }

    private static String line(Provider p) {
        String name = p.id().equals("openai-api") ? "openai-api/NAME/MODEL" : p.id() + "/MODEL";
        return String.format("%-22s %s", name, p.description());
    }

    /** The providers in one sentence, for error messages. */
    static String sentence() {
        return "Models are named provider/model, with the key in the provider's variable: "
                + String.join("; ", Providers.all().stream().map(p -> (p.id().equals("openai-api") ? "openai-api/NAME/MODEL" : p.id() + "/MODEL")
                        + " (" + p.description() + ")").toList()) + ". `offswitch list agents` lists them all.";
    }
}
