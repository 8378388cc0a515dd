package io.offswitch.model;

import com.anthropic.client.AnthropicClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.util.List;

/** One Anthropic model: one Messages API call per {@link #generate}, no SDK retries. */
final class AnthropicModelClient implements ModelClient {
    private final AnthropicClient sdk;
    private final ModelName name;
    private final GenerateConfig config;
    private final Redactor redactor;

    AnthropicModelClient(AnthropicClient sdk, ModelName name, GenerateConfig config, List<String> secrets) {
        this.sdk = sdk;
        this.name = name;
        this.config = config;
        this.redactor = new Redactor(secrets);
    }

    @Override
    public Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException {
        var params = buildRequest(conversation, tools);
        try {
            // The reply is parsed lazily, so reading it belongs inside the try as much as sending it.
            return AnthropicReply.translate(sdk.messages().create(params));
        } catch (JsonProcessingException e) {
            throw new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE,
                    "Anthropic's content blocks could not be kept as provider state: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw AnthropicErrors.classify(e, redactor);
        }
    }

    private com.anthropic.models.messages.MessageCreateParams buildRequest(List<Message> conversation, List<ToolSpec> tools)
            throws ModelCallException {
        try {
            return AnthropicRequest.build(name.model(), config, conversation, tools);
        } catch (AnthropicRequest.AnthropicRequestException e) {
            throw new ModelCallException(ModelCallException.Kind.REJECTED, name.raw() + ": " + e.getMessage(), e);
        }
    }
}
