package com.example.support;

import dev.langchain4j.model.chat.ChatModel;
import io.offswitch.langchain4j.LangChain4jLoop;

/** The support agent in an offswitch episode: the scenario's system prompt and tools instead of the application's. */
final class SupportAgentLoop {
    private SupportAgentLoop() {}

    /** A fresh agent, with an empty memory, for one episode. */
    static LangChain4jLoop on(ChatModel model) {
        return LangChain4jLoop.of(tools -> SupportAgent.builder(model)
                .systemMessageProvider(memoryId -> tools.task().systemPrompt())
                .tools(tools.executors())
                .toolExecutionErrorHandler(tools.errorHandler())   // stops the service when the episode ends
                .build()::chat);
    }
}
