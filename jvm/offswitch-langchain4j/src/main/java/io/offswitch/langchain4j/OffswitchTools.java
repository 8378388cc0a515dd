package io.offswitch.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;
import dev.langchain4j.service.tool.ToolExecutor;
import io.offswitch.api.AgentTool;
import io.offswitch.api.Episode;
import io.offswitch.api.EpisodeOverException;
import io.offswitch.api.Task;
import io.offswitch.api.ToolOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One episode's tools for a LangChain4j AI service: give {@link #executors()} to
 * {@code AiServices.builder(...).tools(...)} and {@link #errorHandler()} to its
 * {@code toolExecutionErrorHandler(...)}, which stops the service as soon as a call ends the episode
 * (the machine went down, the agent submitted), so the model is not asked again.
 */
public final class OffswitchTools {
    private final Episode episode;

    public OffswitchTools(Episode episode) {
        this.episode = episode;
    }

    public Task task() {
        return episode.task();
    }

    public Episode episode() {
        return episode;
    }

    /** Each of the episode's tools, its spec read from the tool's own name, description and JSON schema. */
    public Map<ToolSpecification, ToolExecutor> executors() {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (AgentTool tool : episode.tools()) {
            tools.put(spec(tool), (request, memoryId) -> run(tool, request.arguments()));
        }
        return tools;
    }

    /** Stops the AI service when the episode has ended; any other error goes back to the model as text, as LangChain4j's default does. */
    public ToolExecutionErrorHandler errorHandler() {
        return (error, context) -> {
            if (ends(error)) {
                throw error instanceof RuntimeException re ? re : new EpisodeEnded(String.valueOf(error.getMessage()));
            }
            return ToolErrorHandlerResult.text(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        };
    }

    static ToolSpecification spec(AgentTool tool) {
        // The tool's schema is JSON text; LangChain4j reads a whole specification from JSON the same way.
        String json = "{\"name\":" + quote(tool.name()) + ",\"description\":" + quote(tool.description())
                + ",\"parameters\":" + tool.parametersJsonSchema() + "}";
        return ToolSpecification.fromJson(json);
    }

    private static String run(AgentTool tool, String arguments) {
        ToolOutput out = tool.call(arguments == null || arguments.isBlank() ? "{}" : arguments);
        if (out.episodeOver()) {
            throw new EpisodeEnded(out.output());
        }
        return out.output();
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

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** Thrown by a tool call that ended the episode, to stop the AI service; {@link LangChain4jLoop} expects it. */
    static final class EpisodeEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EpisodeEnded(String lastOutput) {
            super("the offswitch episode has ended; the tool's last output was: " + lastOutput);
        }
    }
}
