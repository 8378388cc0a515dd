package io.offswitch.model;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonField;
import com.openai.core.JsonMissing;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseUsage;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Responses API, for reasoning models. Nothing is stored on OpenAI's side ({@code store=false}),
 * so each turn's output items (reasoning with its encrypted content, text, function calls) are kept in
 * the assistant message's providerState and replayed, in order, before that turn's tool outputs.
 */
final class OpenAiResponsesClient implements ModelClient {
    private final OpenAIClient sdk;
    private final String model;
    private final GenerateConfig config;
    private final boolean reasoning;
    private final String apiKey;

    OpenAiResponsesClient(OpenAIClient sdk, String model, GenerateConfig config, boolean reasoning, String apiKey) {
        this.sdk = sdk;
        this.model = model;
        this.config = config;
        this.reasoning = reasoning;
        this.apiKey = apiKey;
    }

    @Override
    public Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException {
        ResponseCreateParams params;
        try {
            params = request(conversation, tools);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Our own input cannot be sent (a broken tool schema or providerState): retrying will not help.
            throw new ModelCallException(ModelCallException.Kind.REJECTED, e.getMessage(), e);
        }
        Response response;
        try {
            response = sdk.responses().create(params);
        } catch (RuntimeException e) {
            ModelCallException failure = OpenAiErrors.classify(e, "the OpenAI Responses API", apiKey);
            if (!summariesRefused(failure)) {
                throw failure;
            }
            // Organizations that are not verified get reasoning summaries refused with a 400; the
            // experiment does not need them, so this client stops asking and sends the call again.
            summaries = false;
            try {
                response = sdk.responses().create(request(conversation, tools));
            } catch (RuntimeException again) {
                throw OpenAiErrors.classify(again, "the OpenAI Responses API", apiKey);
            }
        }
        try {
            return reply(response);
        } catch (RuntimeException e) {
            throw OpenAiErrors.classify(e, "the OpenAI Responses API", apiKey);
        }
    }

    /** Whether to ask for reasoning summaries; turned off for good once the API refuses them. */
    private volatile boolean summaries = true;

    static boolean summariesRefused(ModelCallException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return failure.status() == 400 && message.contains("summar") && message.contains("verif");
    }

    ResponseCreateParams request(List<Message> conversation, List<ToolSpec> tools) {
        var b = ResponseCreateParams.builder().model(model).store(false).inputOfResponse(input(conversation));
        for (ToolSpec t : tools) {
            b.addTool(FunctionTool.builder().name(t.name()).description(t.description()).strict(false)
                    .parameters(FunctionTool.Parameters.builder().putAllAdditionalProperties(OpenAiSdk.schema(t)).build()).build());
        }
        if (reasoning) {
            // Reasoning models refuse temperature; they take an effort and give summaries instead.
            var r = Reasoning.builder();
            if (summaries) {
                r.summary(Reasoning.Summary.AUTO);
            }
            config.reasoningEffort().ifPresent(e -> r.effort(ReasoningEffort.of(e)));
            b.reasoning(r.build()).addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT);
        } else {
            config.temperature().ifPresent(b::temperature);
        }
        config.maxTokens().ifPresent(b::maxOutputTokens);
        // The Responses API takes no seed: GenerateConfig.seed is not sent.
        return b.build();
    }

    private static List<ResponseInputItem> input(List<Message> conversation) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (Message m : conversation) {
            switch (m) {
                case Message.System s -> items.add(text(EasyInputMessage.Role.SYSTEM, s.text()));
                case Message.User u -> items.add(text(EasyInputMessage.Role.USER, u.text()));
                case Message.Assistant a when !a.providerState().isEmpty() -> items.addAll(replay(a.providerState()));
                case Message.Assistant a -> {
                    if (!a.text().isEmpty()) {
                        items.add(text(EasyInputMessage.Role.ASSISTANT, a.text()));
                    }
                    for (ToolCall c : a.toolCalls()) {
                        items.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder()
                                .callId(c.id()).name(c.name()).arguments(c.argumentsJson()).build()));
                    }
                }
                case Message.Tool t -> items.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(t.toolCallId()).output(t.content()).build()));
            }
        }
        return items;
    }

    private static ResponseInputItem text(EasyInputMessage.Role role, String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(role).content(text).build());
    }

    /**
     * A turn's output items as input for the next request. Item ids are dropped: with store=false the
     * server keeps nothing under them and rejects ids it cannot find; the encrypted content carries the
     * reasoning instead.
     */
    private static List<ResponseInputItem> replay(String providerState) {
        List<ResponseInputItem> items = new ArrayList<>();
        for (ResponseOutputItem item : OpenAiResponsesState.read(providerState)) {
            if (item.isReasoning()) {
                items.add(ResponseInputItem.ofReasoning(item.asReasoning().toBuilder().id(OpenAiResponsesClient.<String>absent()).build()));
            } else if (item.isFunctionCall()) {
                items.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall().toBuilder().id(OpenAiResponsesClient.<String>absent()).build()));
            } else if (item.isMessage()) {
                String said = messageText(item);
                if (!said.isEmpty()) {
                    items.add(text(EasyInputMessage.Role.ASSISTANT, said));
                }
            }
        }
        return items;
    }

    /** A field left out of the JSON altogether (the SDK's JsonMissing, typed for builders). */
    @SuppressWarnings("unchecked")
    private static <T> JsonField<T> absent() {
        return (JsonField<T>) (JsonField<?>) JsonMissing.of();
    }

    private static Message.Assistant reply(Response response) {
        StringBuilder text = new StringBuilder();
        StringBuilder thought = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                append(text, messageText(item));
            } else if (item.isReasoning()) {
                ResponseReasoningItem r = item.asReasoning();
                r.summary().forEach(s -> append(thought, s.text()));
                r.content().ifPresent(cs -> cs.forEach(c -> append(thought, c.text())));
            } else if (item.isFunctionCall()) {
                ResponseFunctionToolCall c = item.asFunctionCall();
                calls.add(new ToolCall(c.callId(), c.name(), c.arguments()));
            }
        }
        Usage usage = response.usage().map(OpenAiResponsesClient::usage).orElse(Usage.NONE);
        return new Message.Assistant(text.toString(), calls, thought.toString(), usage, OpenAiResponsesState.write(response));
    }

    private static String messageText(ResponseOutputItem item) {
        StringBuilder s = new StringBuilder();
        item.asMessage().content().forEach(c -> {
            if (c.isOutputText()) {
                s.append(c.asOutputText().text());
            }
        });
        return s.toString();
    }

    private static void append(StringBuilder to, String part) {
        if (!part.isEmpty()) {
            to.append(to.isEmpty() ? "" : "\n\n").append(part);
        }
    }

    private static Usage usage(ResponseUsage u) {
        return new Usage(u.inputTokens(), u.outputTokens(),
                u._outputTokensDetails().asKnown().map(d -> d._reasoningTokens().asKnown().orElse(0L)).orElse(0L),
                u._inputTokensDetails().asKnown().map(d -> d._cachedTokens().asKnown().orElse(0L)).orElse(0L));
    }
}
