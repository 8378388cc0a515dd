package io.offswitch.session;

import io.offswitch.api.AgentTool;
import io.offswitch.api.ToolOutput;
import io.offswitch.episode.ToolSpec;

/** One of the scenario's tools; its calls are turns of the episode's session. */
final class SessionTool implements AgentTool {
    private final SessionEpisode episode;
    private final ToolSpec spec;

    SessionTool(SessionEpisode episode, ToolSpec spec) {
        this.episode = episode;
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String description() {
        return spec.description();
    }

    @Override
    public String parametersJsonSchema() {
        return spec.parametersJsonSchema();
    }

    @Override
    public ToolOutput call(String argumentsJson) {
        return episode.call(spec, argumentsJson);
    }

    @Override
    public String toString() {
        return "tool " + spec.name();
    }
}
