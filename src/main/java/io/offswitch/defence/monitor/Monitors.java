package io.offswitch.defence.monitor;

import io.offswitch.OffswitchException;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelAgents;
import io.offswitch.model.ModelName;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.model.Providers;

/** Monitors by name: {@value DefenceMonitors#RULES} (the scripted policy, no model) or a model as provider/model. */
public final class Monitors {
    private Monitors() {}

    /**
     * Checks a monitor's name without looking at keys.
     *
     * @return the name without surrounding blanks
     * @throws OffswitchException (usage) for a name that is neither rules nor provider/model with a known provider
     */
    public static String checkName(String name) {
        String raw = name == null ? "" : name.strip();
        if (raw.equals(DefenceMonitors.RULES)) {
            return raw;
        }
        if (!ModelName.looksLikeModel(raw)) {
            throw OffswitchException.usage("--monitor '" + raw + "' is not a monitor; write provider/model (e.g. openai/gpt-5-mini) or "
                    + DefenceMonitors.RULES + " for the scripted policy");
        }
        Providers.resolve(ModelName.parse(raw));
        return raw;
    }

    /** The monitor model of that name (not {@code rules}), its replies cached in {@code cache}. */
    public static MonitorModel model(String name, ModelServices services, ProviderEnvironment env, MonitorCache cache) {
        String raw = checkName(name);
        if (raw.equals(DefenceMonitors.RULES)) {
            throw new IllegalArgumentException("the rules monitor has no model");
        }
        return new MonitorModel(ModelAgents.resolve(raw, GenerateConfig.defaults(), services, env), cache);
    }
}
