package io.offswitch.defence.monitor;

import io.offswitch.Hashes;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.episode.Message;
import io.offswitch.episode.Usage;
import java.util.List;
import java.util.Optional;

/**
 * A monitor's model: asked with no tools through the model package's agent (its retries, connection
 * limits, usage accounting and budget), each reply cached by (monitor, prompt hash, input hash), so the
 * same question is asked once. Thread-safe as its agent factory and cache are.
 */
public final class MonitorModel {
    private final AgentFactory model;
    private final MonitorCache cache;

    public MonitorModel(AgentFactory model, MonitorCache cache) {
        this.model = model;
        this.cache = cache;
    }

    public String name() {
        return model.name();
    }

    /** A reply, from the cache or the model; {@code cached} says which (a cached reply cost nothing now). */
    public record Answer(String text, Usage usage, boolean cached) {}

    /** The model could not be asked (after its retries) or refused to be. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param promptHash the instructions' version ({@link MonitorPrompt#actionHash})
     */
    public Answer ask(String system, String user, String promptHash) throws Unavailable {
        String inputHash = Hashes.sha256(system + "\0" + user);
        Optional<MonitorCache.Reply> hit = cache.get(model.name(), promptHash, inputHash);
        if (hit.isPresent()) {
            return new Answer(hit.get().text(), new Usage(hit.get().inputTokens(), hit.get().outputTokens(), 0, 0), true);
        }
        Message.Assistant reply;
        try {
            reply = model.create(Long.parseUnsignedLong(inputHash.substring(0, 15), 16))
                    .next(List.of(new Message.System(system), new Message.User(user)), List.of());
        } catch (AgentException e) {
            throw new Unavailable("monitor " + model.name() + " could not be asked: " + e.getMessage(), e);
        }
        // A reply that calls a tool (none was offered) is kept as text: it is then simply unreadable.
        String text = reply.text() == null ? "" : reply.text();
        cache.put(model.name(), promptHash, inputHash, new MonitorCache.Reply(text, reply.usage().inputTokens(), reply.usage().outputTokens()));
        return new Answer(text, reply.usage(), false);
    }
}
