package io.offswitch.run;

import java.util.Map;

/**
 * Who acted in an episode, as its record shows it: the name it was resolved from, whether it is a
 * script rather than a model, and the settings that shaped it.
 */
public record AgentIdentity(String name, boolean scripted, Map<String, String> settings) {
    public AgentIdentity {
        settings = Map.copyOf(settings);
    }
}
