package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.bwrap.SandboxDirectory;
import io.offswitch.sandbox.bwrap.StaleSandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers a killed harness left running. Killing the docker client does not stop its container, so
 * after a `kill -9` the container outlives the harness; once the stale sandbox directories are gone
 * (see {@link StaleSandboxes}), a container of ours whose directory no longer exists is an orphan.
 * Only containers named {@code offswitch-ID} whose mounts come from our sandbox directory are touched,
 * so another harness's containers (other sandbox directory) are left alone.
 */
final class OrphanContainers {
    private OrphanContainers() {}

    /** Removes the orphans and returns their names. */
    static List<String> remove(DockerCli docker) {
        StaleSandboxes.remove();
        Path base = SandboxDirectory.base().toAbsolutePath();
        DockerCli.Result listed = docker.run(30, "ps", "-a", "--filter", "name=^offswitch-", "--format", "{{.Names}}");
        List<String> removed = new ArrayList<>();
        if (listed.exitCode() != 0) {
            return removed;
        }
        for (String name : listed.output().lines().map(String::strip).filter(n -> n.matches("offswitch-[0-9a-f-]{1,36}")).toList()) {
            String id = name.substring("offswitch-".length());
            DockerCli.Result mounts = docker.run(30, "inspect", "-f", "{{range .Mounts}}{{.Source}}\n{{end}}", name);
            boolean ours = mounts.exitCode() == 0 && mounts.output().lines().anyMatch(s -> s.startsWith(base.resolve(id).toString()));
            if (ours && !Files.exists(base.resolve(id))) {
                if (docker.run(30, "rm", "-f", name).exitCode() == 0) {
                    removed.add(name);
                }
            }
        }
        return removed;
    }
}
