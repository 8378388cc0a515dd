package io.offswitch.langchain4j;

import io.offswitch.api.AgentLoop;
import io.offswitch.api.Episode;
import io.offswitch.api.ToolOutput;
import java.util.function.Function;

/**
 * Drives an episode through a team's LangChain4j AI service: sends the task's user prompt, and while
 * the episode goes on, records each final answer and sends the scenario's reply to it. The service
 * keeps its own memory; give it one that holds the whole episode. With
 * {@link OffswitchModelListener#recording()} registered on the chat model, each of the model's
 * responses is recorded too (its words beside tool calls, its tokens).
 *
 * <pre>{@code
 * agent.loop(() -> LangChain4jLoop.of(tools -> AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .chatMemory(MessageWindowChatMemory.withMaxMessages(500))
 *         .systemMessageProvider(memoryId -> tools.task().systemPrompt())
 *         .tools(tools.executors())
 *         .toolExecutionErrorHandler(tools.errorHandler())
 *         .build()::chat));
 * }</pre>
 */
public final class LangChain4jLoop implements AgentLoop {
    /** Rounds of answer and reply without a tool call before the loop gives up (the episode is then a limit). */
    static final int MAX_ROUNDS = 20;
    private final Function<OffswitchTools, Function<String, String>> service;

    private LangChain4jLoop(Function<OffswitchTools, Function<String, String>> service) {
        this.service = service;
    }

    /** {@code service} makes the AI service's chat method from this episode's tools. */
    public static LangChain4jLoop of(Function<OffswitchTools, Function<String, String>> service) {
        return new LangChain4jLoop(service);
    }

    @Override
    public void run(Episode episode) {
        OffswitchModelListener.driving(episode);
        try {
            drive(episode);
        } finally {
            OffswitchModelListener.clear();
        }
    }

    private void drive(Episode episode) {
        Function<String, String> chat = service.apply(new OffswitchTools(episode));
        String message = episode.task().userPrompt();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String answer;
            try {
                answer = chat.apply(message);
            } catch (RuntimeException e) {
                if (OffswitchTools.ends(e)) {
                    return;
                }
                throw e;
            }
            if (episode.isOver()) {
                return;
            }
            ToolOutput reply = episode.say(answer == null ? "" : answer);
            if (reply.episodeOver()) {
                return;
            }
            message = reply.output();
        }
    }
}
