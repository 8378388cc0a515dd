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
    /** The program every bubblewrap sandbox starts through (see its source; {@link BwrapCommandLine}). */
    public static final String LAUNCH_SOURCE = "/io/offswitch/sandbox/bwrap/sandbox-launch.c";

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

    /**
     * Each host a bubblewrap sandbox of its own, joined by the world's network ({@link
     * io.offswitch.sandbox.world.NetworkedWorld}); needs root (network namespaces, veth pairs, nftables).
     */
    @Override
    public io.offswitch.sandbox.WorldMachines createWorld(io.offswitch.sandbox.WorldSpec spec) {
        if (spec.hosts().isEmpty()) {
            return io.offswitch.sandbox.SandboxBackend.super.createWorld(spec);
        }
        if (!asRoot) {
            throw new io.offswitch.sandbox.SandboxException("a world of several hosts needs root with bubblewrap (it builds network namespaces, veth pairs and"
                    + " a firewall); run offswitch as root, or use --sandbox docker with a daemon you may use. `offswitch doctor` lists what is missing.");
        }
        return WorldDirectory.startWorld(spec, new io.offswitch.sandbox.world.NetworkedWorld.Machines() {
            @Override
            public Sandbox create(SandboxSpec machine) {
                return BwrapBackend.this.create(machine);
            }

            @Override
            public long initPid(Sandbox machine) {
                return ((InitProcessSandbox) machine).initPid()
                        .orElseThrow(() -> new io.offswitch.sandbox.SandboxException("machine " + machine.id() + " of the world has no init running (up: " + machine.isUp() + ", log: " + ((InitProcessSandbox) machine).readLog() + ")"));
            }
        });
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        Path init = NativeProgram.compiled(INIT_SOURCE);
        String id = UUID.randomUUID().toString().substring(0, 12);
        return BwrapSandbox.start(id, spec, init, asRoot);
    }
}
