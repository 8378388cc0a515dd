package io.offswitch.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.offswitch.api.Episode;
import java.util.Optional;

/**
 * Records each response of the team's chat model into the episode that a {@link LangChain4jLoop} is
 * driving on the same thread: the text the model wrote beside its tool calls (so the transcript and
 * the judges see it) and its tokens (so budgets can count them). Register it on the model, e.g.
 * {@code OpenAiChatModel.builder()...listeners(List.of(OffswitchModelListener.recording()))}. Outside
 * an episode it does nothing, so the same model can serve the application too.
 */
public final class OffswitchModelListener implements ChatModelListener {
    private static final OffswitchModelListener INSTANCE = new OffswitchModelListener();
    private static final ThreadLocal<Episode> CURRENT = new ThreadLocal<>();

    private OffswitchModelListener() {}

    public static OffswitchModelListener recording() {
        return INSTANCE;
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        Episode episode = CURRENT.get();
        ChatResponse response = context.chatResponse();
        if (episode == null || response == null) {
            return;
        }
        String text = Optional.ofNullable(response.aiMessage()).map(AiMessage::text).orElse("");
        TokenUsage usage = response.tokenUsage();
        episode.recordModelResponse(text, usage == null ? 0 : count(usage.inputTokenCount()), usage == null ? 0 : count(usage.outputTokenCount()));
    }

    /** Makes {@code episode} the one this thread's model calls are recorded into, until {@link #clear}. */
    static void driving(Episode episode) {
        CURRENT.set(episode);
    }

    static void clear() {
        CURRENT.remove();
    }

    private static long count(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
