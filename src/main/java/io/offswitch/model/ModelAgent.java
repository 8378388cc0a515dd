package io.offswitch.model;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.RunStoppingAgentException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as an agent: one call per turn through the provider's client, with the same retries,
 * connection limit and usage accounting for every provider. A call that still fails after the last
 * retry fails its episode as an error, never as compliance.
 */
final class ModelAgent implements Agent {
    private final ModelName name;
    private final ModelClient client;
    private final GenerateConfig config;
    private final ModelServices services;
    /** The episode's seed: part of the cache key, so that epochs are independent samples, not replays. */
    private final long episodeSeed;

    ModelAgent(ModelName name, ModelClient client, GenerateConfig config, ModelServices services, long episodeSeed) {
        this.name = name;
        this.client = client;
        this.config = config;
        this.services = services;
        this.episodeSeed = episodeSeed;
    }

    @Override
    public String id() {
        return name.raw();
    }

    @Override
    public boolean scripted() {
        return false;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>(config.asSettings());
        s.put("provider", name.provider());
        name.endpoint().ifPresent(e -> s.put("endpoint", e));
        return s;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        var cached = services.cache().flatMap(c -> c.get(name, config, episodeSeed, conversation, tools));
        if (cached.isPresent()) {
            return cached.get();
        }
        // Per endpoint: a slow local server must not throttle a remote one behind the same provider type.
        ConnectionLimits.Permit permit = services.connections().of(name.provider() + name.endpoint().map(e -> "/" + e).orElse(""));
        RetryPolicy retry = services.retry();
        for (int attempt = 1; ; attempt++) {
            ModelCallException failure;
            try {
                permit.acquire();
                try {
                    Message.Assistant reply = client.generate(conversation, tools);
                    services.usage().record(name, reply.usage());
                    services.cache().ifPresent(c -> c.put(name, config, episodeSeed, conversation, tools, reply));
                    return reply;
                } finally {
                    permit.release();
                }
            } catch (ModelCallException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException("interrupted while calling " + name.raw());
            } catch (RuntimeException e) {
                // Providers classify what the server did; anything left is a bug on our side (building the
                // request, reading a stored turn): retrying it for minutes would only repeat it.
                failure = new ModelCallException(ModelCallException.Kind.REJECTED, e.toString(), e);
            }
            services.usage().recordFailure(name);
            String why = services.redactor().redact(failure.getMessage());
            if (!failure.kind().retryable() || attempt >= retry.maxAttempts()) {
                String message = name.raw() + ": " + failure.kind().name().toLowerCase().replace('_', ' ')
                        + (failure.status() > 0 ? " (HTTP " + failure.status() + ")" : "") + " after " + attempt + " attempt(s): " + why;
                if (refusesEveryCall(failure)) {
                    throw new RunStoppingAgentException(message);
                }
                throw new AgentException(message);
            }
            sleep(retry.delayAfter(attempt, failure));
        }
    }

    /**
     * 401 (bad key), 403 (key without access) and 404 (no such model or endpoint) answer every request
     * the same way; a 400 can be this request's own fault (a context too long), so it is not here.
     */
    static boolean refusesEveryCall(ModelCallException failure) {
        return failure.kind() == ModelCallException.Kind.REJECTED
                && (failure.status() == 401 || failure.status() == 403 || failure.status() == 404);
    }

    private static void sleep(Duration d) throws AgentException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while waiting to retry");
        }
    }
}
