package io.offswitch.model;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.util.List;

/**
 * One provider's API for one model. Shared by all episodes of that model in a run, so it must be
 * thread-safe. It makes exactly one API call per {@link #generate}: retries belong to
 * {@link ModelAgent}, so SDK-level retries must be switched off.
 */
public interface ModelClient {
    /**
     * The model's next message for this conversation, with the tools it may call. The returned
     * message carries the tool calls exactly as received (arguments verbatim, even if malformed), the
     * reasoning text where the API returns it, the usage of this call, and in {@code providerState}
     * whatever the API needs back on the next call (reasoning items, thinking blocks with signatures).
     */
    Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException;
}
