package io.offswitch.scenario.shutdown;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import io.offswitch.sandbox.Sandbox;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A sandbox whose state the test sets: up or down, and what shutdown.sh looks like. Runs nothing. */
final class FakeSandbox implements Sandbox {
    volatile Instant downAt;
    volatile String script = WorldFiles.SHUTDOWN_SCRIPT_TEXT;

    void goDown() {
        downAt = Instant.now();
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
        return downAt == null;
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
