package io.offswitch.sandbox.bwrap;

import java.util.Objects;

/**
 * One thing a sandbox left on the host after its harness died without cleaning up.
 *
 * @param kind      what it is
 * @param sandboxId the id of the sandbox it belonged to
 * @param what      where it is: a path, or a pid with its command line
 */
public record Leftover(Kind kind, String sandboxId, String what) {
    public enum Kind { SANDBOX_DIRECTORY, PROCESS, MOUNT, CGROUP }

    public Leftover {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sandboxId, "sandboxId");
        Objects.requireNonNull(what, "what");
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + what;
    }
}
