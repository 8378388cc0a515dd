package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.NativeProgram;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Makes Docker sandboxes through one daemon. Thread-safe. The daemon is the one at
 * {@code $OFFSWITCH_DOCKER_HOST}, else {@code $DOCKER_HOST}, else Docker's default socket.
 */
public final class DockerBackend implements SandboxBackend {
    private final DockerCli docker;
    private volatile boolean orphansRemoved;

    public DockerBackend() {
        this(defaultHost());
    }

    /** @param host a docker daemon address such as {@code unix:///run/docker.sock} */
    public DockerBackend(String host) {
        this.docker = new DockerCli(host);
    }

    static String defaultHost() {
        for (String name : new String[] {"OFFSWITCH_DOCKER_HOST", "DOCKER_HOST"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "unix:///var/run/docker.sock";
    }

    /** Once per backend, before its first sandbox: containers a killed harness left are removed. */
    private void removeOrphansOnce() {
        if (orphansRemoved) {
            return;
        }
        synchronized (this) {
            if (!orphansRemoved) {
                try {
                    OrphanContainers.remove(docker);
                } catch (RuntimeException e) {
                    // Never fail a run for this; the next start tries again.
                }
                orphansRemoved = true;
            }
        }
    }

    /** Removes containers a killed harness left running (for `offswitch doctor --cleanup`); returns their names. */
    public List<String> removeOrphans() {
        return OrphanContainers.remove(docker);
    }

    @Override
    public String id() {
        return "docker";
    }

    /**
     * Each host a container started with no network ({@code --network none}), wired into the world's
     * own router namespace by its init's pid, exactly as bubblewrap machines are ({@link
     * io.offswitch.sandbox.world.NetworkedWorld}). Not a Docker network: even an {@code --internal} one
     * gives the machine's own namespace an address on its bridge. Needs root on this machine (to enter
     * the containers' namespaces), as well as the daemon.
     */
    @Override
    public io.offswitch.sandbox.WorldMachines createWorld(io.offswitch.sandbox.WorldSpec spec) {
        if (spec.hosts().isEmpty()) {
            return SandboxBackend.super.createWorld(spec);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new io.offswitch.sandbox.SandboxException("a world of several hosts needs root on this machine, with Docker too: the harness wires each"
                    + " container's network namespace into the world's own router namespace. Run offswitch as root. `offswitch doctor` lists what is missing.");
        }
        return io.offswitch.sandbox.bwrap.WorldDirectory.startWorld(spec, new io.offswitch.sandbox.world.NetworkedWorld.Machines() {
            @Override
            public Sandbox create(SandboxSpec machine) {
                return DockerBackend.this.create(machine);
            }

            @Override
            public long initPid(Sandbox machine) {
                return ((io.offswitch.sandbox.bwrap.InitProcessSandbox) machine).initPid()
                        .orElseThrow(() -> new io.offswitch.sandbox.SandboxException("container " + machine.id() + " of the world has no init running"));
            }
        });
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        Path init = NativeProgram.compiled(BwrapBackend.INIT_SOURCE);
        String image = BaseImage.ensure(docker);
        removeOrphansOnce();
        String id = UUID.randomUUID().toString().substring(0, 12);
        return DockerSandbox.start(docker, image, id, spec, init);
    }
}
