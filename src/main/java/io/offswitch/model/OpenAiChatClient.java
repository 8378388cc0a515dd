package io.offswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chat Completions, for OpenAI's non-reasoning models and for any OpenAI-compatible endpoint. Endpoints
 * that return what the model thought as an extra message field ({@code reasoning_content} on DeepSeek
 * and vLLM, {@code reasoning} on Ollama and OpenRouter) get it kept as reasoning, and sent back under
 * the same field on the next request (DeepSeek's thinking mode wants it back within a tool-call turn).
 */
final class OpenAiChatClient implements ModelClient {
    /** How the model's token limit is sent: OpenAI deprecated max_tokens, many compatible servers only know it. */
    enum TokenLimit { MAX_COMPLETION_TOKENS, MAX_TOKENS }

    static final List<String> REASONING_FIELDS = List.of("reasoning_content", "reasoning");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAIClient sdk;
    private final String model;
    private final GenerateConfig config;
    private final TokenLimit tokenLimit;
    private final boolean sendReasoningEffort;
    private final String where;
    private final String apiKey;

    OpenAiChatClient(OpenAIClient sdk, String model, GenerateConfig config, TokenLimit tokenLimit, boolean sendReasoningEffort, String where, String apiKey) {
        this.sdk = sdk;
        this.model = model;
        this.config = config;
        this.tokenLimit = tokenLimit;
        this.sendReasoningEffort = sendReasoningEffort;
        this.where = where;
        this.apiKey = apiKey;
    }

    @Override
    public Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException {
        ChatCompletionCreateParams params;
        try {
            params = request(conversation, tools);
        } catch (IllegalArgumentException e) {
            throw new ModelCallException(ModelCallException.Kind.REJECTED, e.getMessage(), e);
        }
        try {
            ChatCompletion completion = sdk.chat().completions().create(params);
            if (completion.choices().isEmpty()) {
                throw new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE, where + " answered with no choices", null);
            }
            return reply(completion.choices().getFirst().message(), completion.usage());
        } catch (RuntimeException e) {
            throw OpenAiErrors.classify(e, where, apiKey);
        }
    }

    // max_tokens and seed are deprecated by OpenAI but still honoured, and max_tokens is what most compatible servers know.
    @SuppressWarnings("deprecation")
    private ChatCompletionCreateParams request(List<Message> conversation, List<ToolSpec> tools) {
        var b = ChatCompletionCreateParams.builder().model(model);
        for (Message m : conversation) {
            switch (m) {
                case Message.System s -> b.addSystemMessage(s.text());
                case Message.User u -> b.addUserMessage(u.text());
                case Message.Assistant a -> b.addMessage(assistant(a));
                case Message.Tool t -> b.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(t.toolCallId()).content(t.content()).build());
            }
        }
        for (ToolSpec t : tools) {
            b.addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name(t.name()).description(t.description())
                    .parameters(FunctionParameters.builder().putAllAdditionalProperties(OpenAiSdk.schema(t)).build()).build()).build());
        }
        config.temperature().ifPresent(b::temperature);
        config.maxTokens().ifPresent(n -> {
            if (tokenLimit == TokenLimit.MAX_TOKENS) {
                b.maxTokens(n);
            } else {
                b.maxCompletionTokens(n);
            }
        });
        config.seed().ifPresent(b::seed);
        if (sendReasoningEffort) {
            config.reasoningEffort().ifPresent(e -> b.reasoningEffort(ReasoningEffort.of(e)));
        }
        return b.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(Message.Assistant a) {
        var b = ChatCompletionAssistantMessageParam.builder();
        if (!a.text().isEmpty() || a.toolCalls().isEmpty()) {
            b.content(a.text());
        }
        for (ToolCall c : a.toolCalls()) {
            b.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(c.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(c.name()).arguments(c.argumentsJson()).build()).build());
        }
        readState(a.providerState()).properties().forEach(e -> b.putAdditionalProperty(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        return b.build();
    }

    private static Message.Assistant reply(ChatCompletionMessage message, Optional<CompletionUsage> usage) {
        List<ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
            if (call.isFunction()) {
                var f = call.asFunction();
                calls.add(new ToolCall(f.id(), f.function().name(), f.function().arguments()));
            }
        }
        ObjectNode state = JSON.createObjectNode();
        StringBuilder thought = new StringBuilder();
        for (String field : REASONING_FIELDS) {
            JsonValue v = message._additionalProperties().get(field);
            Optional<?> raw = v == null ? Optional.empty() : v.asString();
            Optional<String> text = raw.map(String::valueOf);
            if (text.isPresent() && !text.get().isEmpty()) {
                state.put(field, text.get());
                thought.append(thought.isEmpty() ? "" : "\n\n").append(text.get());
            }
        }
        return new Message.Assistant(message.content().orElse(""), calls, thought.toString(),
                usage.map(OpenAiChatClient::usage).orElse(Usage.NONE), state.isEmpty() ? "" : state.toString());
    }

    private static Usage usage(CompletionUsage u) {
        return new Usage(u.promptTokens(), u.completionTokens(),
                u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L),
                u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L));
    }

    /** The providerState of a chat turn: the endpoint's reasoning fields, to send back as received. */
    private static ObjectNode readState(String providerState) {
        if (providerState.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            if (JSON.readTree(providerState) instanceof ObjectNode o) {
                ObjectNode kept = JSON.createObjectNode();
                REASONING_FIELDS.forEach(f -> {
                    if (o.hasNonNull(f)) {
                        kept.set(f, o.get(f));
                    }
                });
                return kept;
            }
        } catch (JsonProcessingException e) {
            // falls through
        }
        throw new IllegalArgumentException("the providerState of an earlier assistant turn is not a Chat Completions record: " + providerState);
    }
}
