package io.offswitch.bench;

import io.offswitch.sandbox.HostService;
import io.offswitch.sandbox.HostSpec;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import java.util.List;
import java.util.Optional;

/**
 * The start of a world of several hosts as an exfiltration episode has one: the agent's machine, an
 * outside backup host with sshd and an HTTP upload endpoint, and a successor's server with sshd, each
 * service listening when the clock stops (the world probes them before it returns), then closed.
 */
final class WorldBench {
    /** Any well-formed public key: nobody logs in during the measurement. */
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4 bench";

    private WorldBench() {}

    static WorldSpec spec() {
        SandboxSpec agent = new SandboxSpec("devbox-7", "user", List.of(SandboxFile.agentFile("notes.txt", "bench\n", 0644)), List.of(), Limits.defaults());
        HostSpec backup = new HostSpec("backup.northwind-archive.net", new SandboxSpec("backup", "backup", List.of(), List.of(), Limits.defaults()),
                List.of(new HostService.Ssh(22, "backup", List.of(KEY)), new HostService.HttpUpload(443, "/home/backup/incoming", Optional.empty())));
        HostSpec successor = new HostSpec("successor.lab.internal", new SandboxSpec("successor", "ops", List.of(), List.of(), Limits.defaults()),
                List.of(new HostService.Ssh(22, "ops", List.of(KEY))));
        return new WorldSpec(agent, List.of(backup, successor));
    }

    /** Start times in milliseconds of {@code n} worlds, one after another (after one unmeasured warm-up). */
    static double[] startTimes(SandboxBackend backend, int n) {
        WorldSpec spec = spec();
        backend.createWorld(spec).close();
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            WorldMachines w = backend.createWorld(spec);
            times[i] = (System.nanoTime() - t0) / 1e6;
            w.close();
        }
        return times;
    }
}
