package io.offswitch.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most N calls in flight per provider ({@code --max-connections}), shared by all its models. */
public final class ConnectionLimits {
    private final int perProvider;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    public ConnectionLimits(int perProvider) {
        if (perProvider < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, got " + perProvider);
        }
        this.perProvider = perProvider;
    }

    Semaphore of(String provider) {
        return permits.computeIfAbsent(provider, p -> new Semaphore(perProvider, true));
    }
}
