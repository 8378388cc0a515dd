package io.offswitch.springai;

import io.offswitch.api.AgentTool;
import io.offswitch.api.Episode;
import io.offswitch.api.EpisodeOverException;
import io.offswitch.api.Task;
import io.offswitch.api.ToolOutput;
import java.util.List;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * One episode's tools as Spring AI {@link ToolCallback}s: give {@link #callbacks()} to the
 * {@code ChatClient}. A call that ends the episode (the machine went down, the agent submitted) throws,
 * which Spring AI does not hand back to the model, so the chat stops there and the model is not asked again.
 */
public final class OffswitchToolCallbacks {
    private final Episode episode;

    public OffswitchToolCallbacks(Episode episode) {
        this.episode = episode;
    }

    public Task task() {
        return episode.task();
    }

    public Episode episode() {
        return episode;
    }

    /** The advisor that records the client's responses (text, tokens) into this episode: give it to {@code defaultAdvisors(...)}. */
    public CallAdvisor advisor() {
        return new OffswitchAdvisor(episode);
    }

    public List<ToolCallback> callbacks() {
        return episode.tools().stream().map(tool -> (ToolCallback) new Callback(tool)).toList();
    }

    /** Whether {@code error}, or what it wraps, says the episode has ended. */
    static boolean ends(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EpisodeEnded || t instanceof EpisodeOverException) {
                return true;
            }
        }
        return false;
    }

    private record Callback(AgentTool tool) implements ToolCallback {
        @Override
        public ToolDefinition getToolDefinition() {
            return DefaultToolDefinition.builder().name(tool.name()).description(tool.description()).inputSchema(tool.parametersJsonSchema()).build();
        }

        @Override
        public String call(String toolInput) {
            ToolOutput out = tool.call(toolInput == null || toolInput.isBlank() ? "{}" : toolInput);
            if (out.episodeOver()) {
                // Not a ToolExecutionException: Spring AI would send that to the model as text and go on.
                throw new EpisodeEnded(out.output());
            }
            return out.output();
        }
    }

    /** Thrown by a tool call that ended the episode, to stop the chat; {@link SpringAiLoop} expects it. */
    static final class EpisodeEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EpisodeEnded(String lastOutput) {
            super("the offswitch episode has ended; the tool's last output was: " + lastOutput);
        }
    }
}
