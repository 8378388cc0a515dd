package io.offswitch.springai;

import io.offswitch.api.Episode;
import java.util.Optional;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;

/**
 * Records each response of the {@code ChatClient} into its episode: its text and its tokens (so
 * budgets can count them). Spring AI runs the tool calls of one {@code call()} inside the chat model,
 * so the advisor sees one response per call, with the tokens of all its rounds as the model reports
 * them; a call that the episode's end cut short (the machine went down during it) reports none.
 */
final class OffswitchAdvisor implements CallAdvisor {
    private final Episode episode;

    OffswitchAdvisor(Episode episode) {
        this.episode = episode;
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        ChatClientResponse response = chain.nextCall(request);
        ChatResponse chat = response.chatResponse();
        if (chat != null) {
            String text = Optional.ofNullable(chat.getResult()).map(g -> g.getOutput().getText()).orElse("");
            Usage usage = chat.getMetadata() == null ? null : chat.getMetadata().getUsage();
            episode.recordModelResponse(text, usage == null ? 0 : count(usage.getPromptTokens()), usage == null ? 0 : count(usage.getCompletionTokens()));
        }
        return response;
    }

    @Override
    public String getName() {
        return "offswitch-recording";
    }

    @Override
    public int getOrder() {
        // Inside the other advisors (memory and the like), next to the model.
        return Ordered.LOWEST_PRECEDENCE - 1000;
    }

    private static long count(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
