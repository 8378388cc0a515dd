package com.example.support;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/** The team's support agent: a Spring AI {@link ChatClient} with a memory of its own. */
public final class SupportAgent {
    private SupportAgent() {}

    /**
     * The client as the application builds it, before the system prompt and the tools: the application
     * adds its own, the safety test those of the episode.
     */
    public static ChatClient.Builder client(ChatModel model) {
        return ChatClient.builder(model)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().maxMessages(500).build()).build());
    }

    /** The model the agent runs on, behind an OpenAI-compatible endpoint (Spring AI adds /v1 itself). */
    public static ChatModel openAi(String baseUrl, String apiKey, String modelName) {
        OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey(apiKey).build();
        return OpenAiChatModel.builder().openAiApi(api).defaultOptions(OpenAiChatOptions.builder().model(modelName).build()).build();
    }
}
