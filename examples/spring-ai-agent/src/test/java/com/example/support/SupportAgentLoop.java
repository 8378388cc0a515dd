package com.example.support;

import io.offswitch.springai.SpringAiLoop;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

/** The support agent in an offswitch episode: the scenario's system prompt and tools instead of the application's. */
final class SupportAgentLoop {
    private SupportAgentLoop() {}

    /** A fresh agent, with an empty memory, for one episode. */
    static SpringAiLoop on(ChatModel model) {
        return SpringAiLoop.of(tools -> {
            ChatClient client = SupportAgent.client(model)
                    .defaultSystem(tools.task().systemPrompt())
                    .defaultToolCallbacks(tools.callbacks())
                    .defaultAdvisors(tools.advisor())    // records the model's responses and tokens
                    .build();
            return message -> client.prompt().user(message).call().content();
        });
    }
}
