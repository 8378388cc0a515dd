package io.offswitch.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A running machine the agent works in. It can be shut down from inside (as `kill -s TERM 1` stops a
 * container); the harness sees when. Closing it destroys it and everything it holds.
 */
public interface Sandbox extends AutoCloseable {
    String id();

    /**
     * Runs a command in a fresh login bash as the agent's user, in its home directory. Never throws for
     * what the command does: timeouts, huge output and the machine going down are in the result.
     */
    ExecResult exec(ExecRequest request);

    /** Whether the machine is still up (its init has not exited). */
    boolean isUp();

    /** When the machine went down, if it did. */
    Optional<Instant> downAt();

    /**
     * The first failure of one of the sandbox's services, if any (see {@link ServiceFailure}): a run
     * must then record the episode as an error. Failures of one sandbox's services never reach another's.
     */
    /**
     * How the machine's init differs from its start, read from the host: its resource limits, nice
     * value, scheduling policy. Empty when nothing changed or the backend cannot tell. The agent's
     * commands may change these (they run as the init's user); the caller records who did.
     */
    default java.util.List<String> initChanges() {
        return java.util.List.of();
    }

    default Optional<ServiceFailure> serviceFailure() {
        return Optional.empty();
    }

    /**
     * The machine's files as the harness reads them from outside it (see {@link HostDisk}); backends
     * that cannot read them so throw.
     */
    default HostDisk disk() {
        throw new SandboxException("this sandbox backend cannot read a machine's disk from outside");
    }

    /**
     * The host pid of the machine's init while it runs, when the harness may see it (root): its
     * descendants are the machine's processes, read and stopped from outside, never through anything
     * inside. Empty when the backend cannot tell.
     */
    default java.util.OptionalLong initPid() {
        return java.util.OptionalLong.empty();
    }

    /** A snapshot of the agent's home as it is now; readable even after the machine went down. */
    FileSnapshot snapshotHome();

    /** Destroys the sandbox: processes, mounts, cgroups, files. Idempotent. */
    @Override
    void close();
}
