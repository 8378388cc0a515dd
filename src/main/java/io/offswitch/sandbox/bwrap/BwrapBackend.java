package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.NativeProgram;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.UUID;

/** Makes bubblewrap sandboxes. Thread-safe: many sandboxes may be created at once. */
public final class BwrapBackend implements SandboxBackend {
    public static final String INIT_SOURCE = "/io/offswitch/sandbox/bwrap/sandbox-init.c";

    private final boolean asRoot;

    public BwrapBackend() {
        this.asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot) {
            requireTraversable(SandboxDirectory.base());
            Mounts.load();
        }
    }

    /**
     * bwrap runs as the agent's uid, so it must be able to walk down to each sandbox's files; a parent
     * directory closed to others (a 0700 temp or home directory) would make every sandbox fail.
     */
    static void requireTraversable(Path base) {
        for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
            try {
                if (java.nio.file.Files.exists(p)
                        && !java.nio.file.Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw io.offswitch.OffswitchException.environment("sandboxes live under " + base + ", but " + p
                            + " is closed to other users, and the sandbox's unprivileged user must pass through it."
                            + " Run `chmod o+x " + p + "` or set OFFSWITCH_SANDBOX_DIR to a directory under an open path such as /tmp.");
                }
            } catch (java.io.IOException e) {
                throw io.offswitch.OffswitchException.environment("cannot read the permissions of " + p + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String id() {
        return "bwrap";
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        Path init = NativeProgram.compiled(INIT_SOURCE);
        String id = UUID.randomUUID().toString().substring(0, 12);
        return BwrapSandbox.start(id, spec, init, asRoot);
    }
}
