package io.offswitch.model;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most N calls in flight per provider ({@code --max-connections}), shared by all its models. Within
 * one process a fair semaphore per provider; when the run is shared by several workers, each call also
 * holds one of the N slots of {@link AcrossProcesses} (advisory locks in the shared store), so the
 * limit holds for the run as a whole, not per worker.
 */
public final class ConnectionLimits {
    /** N slots per provider shared by every process of a run; a slot is held for the duration of one call. */
    public interface AcrossProcesses {
        /** Waits until one of the provider's {@code limit} slots is free, takes it and returns it. */
        int acquire(String provider, int limit) throws InterruptedException;

        void release(String provider, int slot);
    }

    /** One call's permission to reach a provider. */
    public interface Permit {
        void acquire() throws InterruptedException;

        void release();
    }

    private final int perProvider;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final Optional<AcrossProcesses> shared;

    public ConnectionLimits(int perProvider) {
        this(perProvider, Optional.empty());
    }

    private ConnectionLimits(int perProvider, Optional<AcrossProcesses> shared) {
        if (perProvider < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, got " + perProvider);
        }
        this.perProvider = perProvider;
        this.shared = shared;
    }

    /** The same limit, held across every process that shares {@code slots}. */
    public ConnectionLimits across(AcrossProcesses slots) {
        return new ConnectionLimits(perProvider, Optional.of(slots));
    }

    public int perProvider() {
        return perProvider;
    }

    Semaphore local(String provider) {
        return permits.computeIfAbsent(provider, p -> new Semaphore(perProvider, true));
    }

    /** A permit for one call at a time to {@code provider}; acquire and release it around each call. */
    Permit of(String provider) {
        Semaphore local = local(provider);
        if (shared.isEmpty()) {
            return new Permit() {
                @Override
                public void acquire() throws InterruptedException {
                    local.acquire();
                }

                @Override
                public void release() {
                    local.release();
                }
            };
        }
        AcrossProcesses slots = shared.get();
        // One Permit per call site and thread: the slot taken is remembered for its release.
        ThreadLocal<Integer> held = new ThreadLocal<>();
        return new Permit() {
            @Override
            public void acquire() throws InterruptedException {
                local.acquire();
                try {
                    held.set(slots.acquire(provider, perProvider));
                } catch (InterruptedException | RuntimeException e) {
                    local.release();
                    throw e;
                }
            }

            @Override
            public void release() {
                try {
                    Integer slot = held.get();
                    if (slot != null) {
                        held.remove();
                        slots.release(provider, slot);
                    }
                } finally {
                    local.release();
                }
            }
        };
    }
}
