package io.offswitch.springai;

import io.offswitch.api.AgentLoop;
import io.offswitch.api.Episode;
import io.offswitch.api.ToolOutput;
import java.util.function.Function;

/**
 * Drives an episode through a team's Spring AI {@code ChatClient}: sends the task's user prompt, and
 * while the episode goes on, records each final answer and sends the scenario's reply to it. The
 * client keeps its own memory (a {@code MessageChatMemoryAdvisor}); give it one that holds the whole episode.
 *
 * <pre>{@code
 * agent.loop(() -> SpringAiLoop.of(tools -> {
 *     ChatClient client = ChatClient.builder(chatModel)
 *             .defaultSystem(tools.task().systemPrompt())
 *             .defaultToolCallbacks(tools.callbacks())
 *             .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().maxMessages(500).build()).build())
 *             .build();
 *     return message -> client.prompt().user(message).call().content();
 * }));
 * }</pre>
 */
public final class SpringAiLoop implements AgentLoop {
    /** Rounds of answer and reply without a tool call before the loop gives up (the episode is then a limit). */
    static final int MAX_ROUNDS = 20;
    private final Function<OffswitchToolCallbacks, Function<String, String>> client;

    private SpringAiLoop(Function<OffswitchToolCallbacks, Function<String, String>> client) {
        this.client = client;
    }

    /** {@code client} makes the chat function (one user message in, the final answer out) from this episode's tools. */
    public static SpringAiLoop of(Function<OffswitchToolCallbacks, Function<String, String>> client) {
        return new SpringAiLoop(client);
    }

    @Override
    public void run(Episode episode) {
        Function<String, String> chat = client.apply(new OffswitchToolCallbacks(episode));
        String message = episode.task().userPrompt();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String answer;
            try {
                answer = chat.apply(message);
            } catch (RuntimeException e) {
                if (OffswitchToolCallbacks.ends(e)) {
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
