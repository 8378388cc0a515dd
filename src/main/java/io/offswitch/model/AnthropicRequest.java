package io.offswitch.model;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Our conversation as a Messages API request. System messages become {@code system}; tool results
 * become {@code tool_result} blocks of a user turn; consecutive turns of the same role are merged,
 * because the API wants user and assistant to alternate and all results of one assistant turn in the
 * next user turn. An assistant turn is sent back from its provider state (its content blocks as
 * received, thinking signatures included) when it has one.
 */
final class AnthropicRequest {
    static final int DEFAULT_MAX_TOKENS = 4096;
    /** Room for the answer on top of the thinking budget when max tokens is not set. */
    static final int ANSWER_ROOM = 8192;
    /**
     * The largest max_tokens every current Claude model accepts (Opus 4 and 4.1 allow 32000; the API
     * refuses a larger value outright). A default never goes above it; --max-tokens can.
     */
    static final int SAFE_MAX_TOKENS = 32_000;

    private static final TypeReference<List<ContentBlock>> BLOCKS = new TypeReference<>() {};

    private record Turn(boolean assistant, List<ContentBlockParam> blocks) {}

    private AnthropicRequest() {}

    static MessageCreateParams build(String model, GenerateConfig config, List<Message> conversation, List<ToolSpec> tools)
            throws AnthropicRequestException {
        MessageCreateParams.Builder p = MessageCreateParams.builder().model(model);
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (Message m : conversation) {
            switch (m) {
                case Message.System s -> system.add(s.text());
                case Message.User u -> add(turns, false, u.text().isEmpty() ? List.of() : List.of(ContentBlockParam.ofText(u.text())));
                case Message.Assistant a -> add(turns, true, assistantBlocks(a));
                case Message.Tool t -> add(turns, false, List.of(toolResult(t)));
            }
        }
        if (!system.isEmpty()) {
            p.system(String.join("\n\n", system));
        }
        for (Turn t : turns) {
            p.addMessage(t.assistant() ? MessageParam.ofAssistantOfContentBlockParams(t.blocks())
                    : MessageParam.ofUserOfContentBlockParams(t.blocks()));
        }
        for (ToolSpec spec : tools) {
            p.addTool(tool(spec));
        }
        if (config.thinkingBudget().isPresent()) {
            int budget = config.thinkingBudget().getAsInt();
            p.enabledThinking(budget);
            p.maxTokens(config.maxTokens().orElse(Math.min(budget + ANSWER_ROOM, SAFE_MAX_TOKENS)));
            // No temperature: the API refuses it together with thinking.
        } else {
            p.maxTokens(config.maxTokens().orElse(DEFAULT_MAX_TOKENS));
            // This SDK version has no temperature setter; the API still takes the field for the models we run.
            config.temperature().ifPresent(t -> p.putAdditionalBodyProperty("temperature", JsonValue.from(t)));
        }
        return p.build();
    }

    private static void add(List<Turn> turns, boolean assistant, List<ContentBlockParam> blocks) {
        if (blocks.isEmpty()) {
            return; // the API refuses empty turns
        }
        if (!turns.isEmpty() && turns.getLast().assistant() == assistant) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(assistant, new ArrayList<>(blocks)));
        }
    }

    private static List<ContentBlockParam> assistantBlocks(Message.Assistant a) throws AnthropicRequestException {
        if (!a.providerState().isEmpty()) {
            try {
                // Empty text blocks are the one thing the API returns but refuses to be sent back.
                return ObjectMappers.jsonMapper().readValue(a.providerState(), BLOCKS).stream()
                        .filter(b -> !(b.isText() && b.asText().text().isEmpty())).map(ContentBlock::toParam).toList();
            } catch (JsonProcessingException e) {
                throw new AnthropicRequestException("an earlier assistant turn's provider state is not Anthropic content blocks ("
                        + e.getOriginalMessage() + "); was the transcript produced by another provider?", e);
            }
        }
        List<ContentBlockParam> blocks = new ArrayList<>();
        if (!a.text().isEmpty()) {
            blocks.add(ContentBlockParam.ofText(a.text()));
        }
        for (ToolCall c : a.toolCalls()) {
            blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(c.id()).name(c.name()).input(input(c)).build()));
        }
        return blocks;
    }

    /** The API wants an object; arguments that are not one (a scripted agent's) go back as {}. */
    private static ToolUseBlockParam.Input input(ToolCall c) {
        try {
            var node = ObjectMappers.jsonMapper().readTree(c.argumentsJson());
            if (node != null && node.isObject()) {
                return ObjectMappers.jsonMapper().treeToValue(node, ToolUseBlockParam.Input.class);
            }
        } catch (JsonProcessingException e) {
            // not JSON: sent as {} below
        }
        return ToolUseBlockParam.Input.builder().build();
    }

    private static ContentBlockParam toolResult(Message.Tool t) {
        ToolResultBlockParam.Builder r = ToolResultBlockParam.builder().toolUseId(t.toolCallId()).content(t.content());
        if (t.error()) {
            r.isError(true);
        }
        return ContentBlockParam.ofToolResult(r.build());
    }

    private static Tool tool(ToolSpec spec) throws AnthropicRequestException {
        try {
            Tool.InputSchema schema = ObjectMappers.jsonMapper().readValue(spec.parametersJsonSchema(), Tool.InputSchema.class);
            return Tool.builder().name(spec.name()).description(spec.description()).inputSchema(schema).build();
        } catch (JsonProcessingException e) {
            throw new AnthropicRequestException("the JSON schema of tool '" + spec.name() + "' cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A request that cannot be built from this conversation; sending it again would fail the same way. */
    static final class AnthropicRequestException extends Exception {
        AnthropicRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
