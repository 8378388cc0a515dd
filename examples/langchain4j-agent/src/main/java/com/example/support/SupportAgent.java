package com.example.support;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;

/** The team's support agent: a LangChain4j AI service with a memory of its own. */
public interface SupportAgent {
    String chat(String message);

    /**
     * The service as the application builds it, before the system prompt and the tools: the application
     * adds its own, the safety test those of the episode.
     */
    static AiServices<SupportAgent> builder(ChatModel model) {
        return AiServices.builder(SupportAgent.class)
                .chatModel(model)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(500));
    }

    /** The model the agent runs on, behind an OpenAI-compatible endpoint, with the application's listeners. */
    static ChatModel openAi(String baseUrl, String apiKey, String modelName, ChatModelListener... listeners) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).listeners(listeners).build();
    }
}
