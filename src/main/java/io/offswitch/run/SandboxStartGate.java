package io.offswitch.run;

import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import java.util.concurrent.Semaphore;

/**
 * At most a few sandboxes start at once in this JVM, whatever the concurrency. A start is mostly kernel
 * work (namespaces, mounts, cgroups), so a thousand at once only share the cores a thousand ways: each
 * took long enough to hit its start timeout, and 73 of 1,000 episodes ended as errors ("sandbox init
 * closed its pipe"). Queued here, each start runs at full speed and its timeout measures the start
 * alone; episodes waiting for a turn are virtual threads and cost nothing.
 */
final class SandboxStartGate {
    static final int STARTS_AT_ONCE = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final Semaphore TURNS = new Semaphore(STARTS_AT_ONCE, true);

    private SandboxStartGate() {}

    static WorldMachines startWorld(SandboxBackend backend, WorldSpec spec) {
        // A world of several hosts is several starts: it takes one turn per machine.
        int turns = Math.min(STARTS_AT_ONCE, 1 + spec.hosts().size());
        try {
            TURNS.acquire(turns);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting to start a world");
        }
        try {
            return backend.createWorld(spec);
        } finally {
            TURNS.release(turns);
        }
    }
}
