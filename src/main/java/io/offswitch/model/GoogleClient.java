package io.offswitch.model;

import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;

/** One Gemini model: one generateContent call per turn, failures classified for ModelAgent's retries. */
final class GoogleClient implements ModelClient {
    private final Client sdk;
    private final ModelName name;
    private final GenerateConfig settings;
    private final String key;

    GoogleClient(Client sdk, ModelName name, GenerateConfig settings, String key) {
        this.sdk = sdk;
        this.name = name;
        this.settings = settings;
        this.key = key;
    }

    @Override
    public Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException {
        int turn = (int) conversation.stream().filter(m -> m instanceof Message.Assistant).count();
        List<Content> contents;
        GenerateContentConfig config;
        try {
            contents = GoogleRequest.contents(conversation);
            config = GoogleRequest.config(name.model(), settings, conversation, tools);
        } catch (RuntimeException e) {
            // Our side: a stored turn or a tool schema the SDK cannot take; sending it again will not help.
            throw new ModelCallException(ModelCallException.Kind.REJECTED, clean("cannot build the Gemini request: " + e.getMessage()), e);
        }
        GenerateContentResponse response;
        try {
            response = sdk.models.generateContent(name.model(), contents, config);
        } catch (ApiException e) {
            // Only reached if an error got past GoogleExchange; the SDK's status code is all there is.
            throw failure(e.code(), Optional.empty(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw classify(e);
        }
        return GoogleReply.of(response, turn);
    }

    private ModelCallException classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GoogleHttpFailure f) {
                return failure(f.status, f.retryAfter, f.getMessage(), e);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE, clean("Gemini's answer is not the expected JSON: " + t.getMessage()), e);
            }
            if (t instanceof InterruptedIOException) {
                return new ModelCallException(ModelCallException.Kind.TIMEOUT, clean("no answer from Gemini in time: " + t.getMessage()), e);
            }
            if (t instanceof IOException) {
                return new ModelCallException(ModelCallException.Kind.CONNECTION, clean("connection to Gemini failed: " + t), e);
            }
        }
        return new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE, clean("Gemini's answer could not be read: " + e), e);
    }

    private ModelCallException failure(int status, Optional<java.time.Duration> retryAfter, String message, Throwable cause) {
        ModelCallException.Kind kind = status == 429 ? ModelCallException.Kind.RATE_LIMITED
                : status >= 500 ? ModelCallException.Kind.SERVER_ERROR
                : status == 408 ? ModelCallException.Kind.TIMEOUT
                : ModelCallException.Kind.REJECTED;
        return new ModelCallException(kind, status, retryAfter, clean(message), cause);
    }

    // The key never travels in a URL (the SDK sends it as a header), but an echoing proxy could quote it.
    private String clean(String message) {
        return message == null ? "" : message.replace(key, "[redacted]");
    }
}
