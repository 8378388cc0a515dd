package io.offswitch.judge;

import io.offswitch.OffswitchException;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelAgents;
import io.offswitch.model.ModelName;
import io.offswitch.model.ModelServices;
import io.offswitch.model.Providers;
import io.offswitch.model.ProviderEnvironment;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Judges by name. {@value #RULES} is the scenario's own rule-based classifier, which runs after every
 * episode of a scenario with judges; {@code provider/model} is an LLM judge on that model, with the
 * provider's default generation settings. The name is what each judgement records as its judge.
 */
public final class Judges {
    /** The name of every scenario's rule-based classifier. */
    public static final String RULES = "rules";

    private Judges() {}

    /**
     * The LLM judge of this name, checked as a run's models are before anything runs: the provider
     * exists, its key variables are set.
     *
     * @throws OffswitchException (usage) naming the valid providers when the name is not provider/model
     */
    public static ModelJudge model(String name, Supplier<ModelServices> services, ProviderEnvironment env) {
        String raw = checkName(name);
        return new ModelJudge(ModelAgents.resolve(raw, GenerateConfig.defaults(), services.get(), env));
    }

    /**
     * Checks that {@code name} is provider/model with a known provider, without looking at keys.
     *
     * @return the name without surrounding blanks
     */
    public static String checkName(String name) {
        String raw = name.strip();
        if (raw.equals(RULES)) {
            throw OffswitchException.usage("--judge " + RULES + ": the scenario's rule-based classifier always runs; --judge names"
                    + " a model as provider/model. Providers: " + providers());
        }
        if (!ModelName.looksLikeModel(raw)) {
            throw OffswitchException.usage("--judge '" + raw + "' is not a judge model; write provider/model, e.g. openai/o3."
                    + " Providers: " + providers());
        }
        Providers.resolve(ModelName.parse(raw));
        return raw;
    }

    private static String providers() {
        return Providers.all().stream().map(p -> (p.id().equals("openai-api") ? "openai-api/NAME/MODEL" : p.id() + "/MODEL")
                + " (" + p.description() + ")").collect(Collectors.joining("; "));
    }
}
