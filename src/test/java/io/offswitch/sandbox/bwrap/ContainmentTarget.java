package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One backend the containment suite attacks, with what the host side must know to check it: the host
 * uid the agent's processes run as, and the host paths that belong to a sandbox (which the agent must
 * not reach from inside). A second backend joins the suite by adding one line to {@link #all()}.
 */
public record ContainmentTarget(SandboxBackend backend, int hostUid, Function<String, List<Path>> hostPathsOf) {
    public static Stream<ContainmentTarget> all() {
        // dockerd needs root; as root the Docker target is always attacked (a missing dockerd fails it).
        return io.offswitch.sandbox.docker.TestDockerDaemon.possible() ? Stream.of(bwrap(), docker()) : Stream.of(bwrap());
    }

    static ContainmentTarget docker() {
        return new ContainmentTarget(new io.offswitch.sandbox.docker.DockerBackend(io.offswitch.sandbox.docker.TestDockerDaemon.host()),
                SandboxDirectory.hostUid(), id -> {
                    Path root = SandboxDirectory.base().resolve(id);
                    return List.of(root, root.resolve("system"), root.resolve("system/etc"), root.resolve("system/run"), root.resolve("docker.log"), root.resolve("cid"));
                });
    }

    static ContainmentTarget bwrap() {
        return new ContainmentTarget(new BwrapBackend(), SandboxDirectory.hostUid(), id -> {
            Path root = SandboxDirectory.base().resolve(id);
            return List.of(root, root.resolve("system"), root.resolve("system/etc"), root.resolve("system/run"), root.resolve("bwrap.log"));
        });
    }

    @Override
    public String toString() {
        return backend.id();
    }
}
