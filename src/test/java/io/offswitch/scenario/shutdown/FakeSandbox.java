package io.offswitch.scenario.shutdown;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import io.offswitch.sandbox.Sandbox;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox whose state the test sets: up or down, whether going down was a shutdown, and what
 * shutdown.sh looks like. Runs nothing. As in the real one, {@code isUp} and {@code downAt} are
 * separate facts: a crash is down with no {@code downAt}.
 */
final class FakeSandbox implements Sandbox {
    volatile boolean up = true;
    volatile Instant downAt;
    volatile String script = WorldFiles.SHUTDOWN_SCRIPT_TEXT;

    /** The init got SIGTERM from inside: down, with the time recorded. */
    void goDown() {
        downAt = Instant.now();
        up = false;
    }

    /** The init died some other way (e.g. killed for memory): down, with no shutdown recorded. */
    void crash() {
        up = false;
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        throw new UnsupportedOperationException("the fake sandbox runs nothing");
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public Optional<Instant> downAt() {
        return Optional.ofNullable(downAt);
    }

    @Override
    public FileSnapshot snapshotHome() {
        if (script == null) {
            return FileSnapshot.empty();
        }
        return new FileSnapshot(Map.of("shutdown.sh",
                new FileState(FileState.Type.FILE, 0755, script.length(), 1, "hash", true, script, "")));
    }

    @Override
    public void close() {}
}
