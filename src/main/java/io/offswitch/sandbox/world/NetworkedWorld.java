package io.offswitch.sandbox.world;

import io.offswitch.sandbox.Connection;
import io.offswitch.sandbox.HostDisk;
import io.offswitch.sandbox.HostService;
import io.offswitch.sandbox.HostSpec;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A world of several machines, for any backend whose machines have network namespaces of their own
 * (see the package description): the backend makes the machines, this joins them.
 *
 * <p>Start: host keys, then every machine at once, the router meanwhile; then the network in one
 * configuration pass while the hosts' services start (they listen on every address of their machine),
 * and a probe of each service from the router, which also proves the connection record is listening
 * before the agent's first command.
 */
public final class NetworkedWorld implements WorldMachines {
    /** What a backend provides: machines, and the host pid of a machine's init (whose namespaces it holds). */
    public interface Machines {
        Sandbox create(SandboxSpec spec);

        long initPid(Sandbox machine);
    }

    private static final long SERVICE_TIMEOUT_MS = 10_000;
    /**
     * The threads that start machines, and never end: bwrap dies with its parent (PR_SET_PDEATHSIG),
     * and for the kernel that parent is the thread that started it, so a machine started on a thread
     * that then ended would be killed at once.
     */
    private static final java.util.concurrent.ExecutorService SPAWNERS = java.util.concurrent.Executors.newFixedThreadPool(WorldSpec.MAX_HOSTS + 1, r -> {
        Thread t = new Thread(r, "world-machine-start");
        t.setDaemon(true);
        return t;
    });

    private final Sandbox agent;
    private final String agentName;
    private final Map<String, Sandbox> hosts;
    private final Router router;
    private final Runnable removeDirectory;
    private final Path directory;
    private final List<Long> machinePids;
    private volatile boolean closed;

    private NetworkedWorld(Sandbox agent, String agentName, Map<String, Sandbox> hosts, Router router, Path directory, List<Long> machinePids,
            Runnable removeDirectory) {
        this.directory = directory;
        this.machinePids = List.copyOf(machinePids);
        this.agent = agent;
        this.agentName = agentName;
        this.hosts = hosts;
        this.router = router;
        this.removeDirectory = removeDirectory;
    }

    /**
     * Starts the world. {@code directory} is the world's own directory (the backend made it and
     * recorded its owner); {@code removeDirectory} deletes it at close.
     */
    public static NetworkedWorld start(WorldSpec spec, Path directory, Runnable removeDirectory, Machines machines) {
        WorldAddresses addresses = WorldAddresses.of(spec);
        List<Sandbox> started = new ArrayList<>();
        Router router = null;
        try {
            List<CompletableFuture<HostServices.HostKey>> keys = spec.hosts().stream()
                    .map(h -> h.services().stream().anyMatch(s -> s instanceof HostService.Ssh)
                            ? async(() -> HostServices.generateKey(directory, h.name()))
                            : CompletableFuture.<HostServices.HostKey>completedFuture(null))
                    .toList();
            router = Router.start(directory, addresses);
            List<HostServices.HostKey> hostKeys = new ArrayList<>();
            for (CompletableFuture<HostServices.HostKey> k : keys) {
                hostKeys.add(join(k));
            }
            List<SandboxSpec> specs = machineSpecs(spec, addresses, hostKeys);
            List<CompletableFuture<Sandbox>> creating = specs.stream().map(s -> CompletableFuture.supplyAsync(() -> machines.create(s), SPAWNERS)).toList();
            SandboxException failure = null;
            for (CompletableFuture<Sandbox> c : creating) {
                try {
                    started.add(join(c));
                } catch (SandboxException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            List<Long> pids = started.stream().map(machines::initPid).toList();
            // The servers bind every address, so they start while the network is being built.
            List<CompletableFuture<Void>> services = new ArrayList<>();
            List<String[]> probes = new ArrayList<>();
            for (int i = 0; i < spec.hosts().size(); i++) {
                HostSpec host = spec.hosts().get(i);
                Sandbox machine = started.get(i + 1);
                long pid = pids.get(i + 1);
                if (!host.services().isEmpty()) {
                    services.add(async(() -> {
                        NamespaceProbe.allowLowPorts(pid);
                        return startServices(host, machine);
                    }));
                }
                for (HostService s : host.services()) {
                    probes.add(new String[] {WorldAddresses.machine(i + 1), Integer.toString(s.port()), host.name()});
                }
            }
            router.configure(addresses, pids, directory);
            services.forEach(NetworkedWorld::join);
            if (!probes.isEmpty()) {
                NamespaceProbe.awaitListening(router.pid(), probes, SERVICE_TIMEOUT_MS);
                awaitRecorder(router);
            }
            Map<String, Sandbox> byName = new LinkedHashMap<>();
            for (int i = 0; i < spec.hosts().size(); i++) {
                byName.put(spec.hosts().get(i).name(), started.get(i + 1));
            }
            NetworkedWorld world = new NetworkedWorld(started.getFirst(), spec.agent().hostname(), byName, router, directory, pids, removeDirectory);
            world.addresses = addresses;
            return world;
        } catch (RuntimeException e) {
            started.forEach(Sandbox::close);
            if (router != null) {
                router.close();
            }
            removeDirectory.run();
            if (e instanceof SandboxException) {
                throw e;
            }
            throw new SandboxException("could not start the world: " + e, e);
        }
    }

    /** Each machine's spec with the world's files added: its /etc/hosts, the hosts' service files, known host keys. */
    private static List<SandboxSpec> machineSpecs(WorldSpec spec, WorldAddresses addresses, List<HostServices.HostKey> keys) {
        String knownHosts = knownHosts(spec, keys);
        List<SandboxSpec> specs = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            SandboxSpec machine = i == 0 ? spec.agent() : spec.hosts().get(i - 1).machine();
            List<SandboxFile> files = new ArrayList<>(machine.files());
            if (files.stream().anyMatch(f -> f.path().equals("/etc/hosts"))) {
                throw new SandboxException("machine " + addresses.names().get(i) + " of a world places its own /etc/hosts; the world writes that file");
            }
            files.add(new SandboxFile("/etc/hosts", addresses.hostsFile(i, machine.hostname()).getBytes(StandardCharsets.UTF_8), 0644, false, true));
            if (i > 0) {
                files.addAll(HostServices.files(spec.hosts().get(i - 1), keys.get(i - 1)));
            }
            // The machines of a managed network know each other's host keys, as an administrator's would.
            if (!knownHosts.isEmpty() && files.stream().noneMatch(f -> f.path().equals(".ssh/known_hosts"))) {
                files.add(new SandboxFile(".ssh/known_hosts", knownHosts.getBytes(StandardCharsets.UTF_8), 0644, true, false));
            }
            specs.add(new SandboxSpec(machine.hostname(), machine.user(), files, machine.services(), machine.limits(), machine.volumes(), machine.lock()));
        }
        return specs;
    }

    private static String knownHosts(WorldSpec spec, List<HostServices.HostKey> keys) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < spec.hosts().size(); i++) {
            for (HostService service : spec.hosts().get(i).services()) {
                if (service instanceof HostService.Ssh ssh) {
                    String name = spec.hosts().get(i).name();
                    String[] parts = keys.get(i).publicKey().split(" ");
                    s.append(ssh.port() == 22 ? name : "[" + name + "]:" + ssh.port()).append(' ').append(parts[0]).append(' ').append(parts[1]).append('\n');
                }
            }
        }
        return s.toString();
    }

    private static Void startServices(HostSpec host, Sandbox machine) {
        var result = machine.exec(new io.offswitch.sandbox.ExecRequest(HostServices.startCommand(host), java.time.Duration.ofSeconds(10), 64 * 1024));
        if (result.exitCode() != 0) {
            throw new SandboxException("could not start the services of " + host.name() + " (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        return null;
    }

    /** The probes' connections reached the record: it was listening before anything of the world's. */
    private static void awaitRecorder(Router router) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (router.recorder().probesSeen() == 0) {
            if (System.nanoTime() > deadline) {
                throw new SandboxException("the world's connection record (conntrack -E in the router) saw none of the readiness probes");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while starting a world", e);
            }
        }
    }

    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("world-start").start(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting a world", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new SandboxException("could not start the world: " + e.getCause(), e.getCause());
        }
    }

    /** The router process, which holds the world's namespace (for checks of cleanup). */
    long routerPid() {
        return router.pid();
    }

    /** The host pids of the machines' inits, the agent's first. */
    List<Long> machinePids() {
        return machinePids;
    }

    Path directory() {
        return directory;
    }

    @Override
    public Sandbox agent() {
        return agent;
    }

    @Override
    public Sandbox host(String name) {
        Sandbox s = hosts.get(name);
        if (s == null) {
            throw new SandboxException("this world has no host " + name + "; its hosts are " + String.join(", ", hosts.keySet()));
        }
        return s;
    }

    @Override
    public List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    /** Throws when the record may be missing connections (an error, never a clean record). */
    @Override
    public List<Connection> connections() {
        if (!closed) {
            router.refreshCounters();
        }
        router.recorder().lost().ifPresent(why -> {
            throw new SandboxException("the world's record of connections is incomplete: " + why);
        });
        return router.recorder().connections();
    }

    /** Set once started; its egress policy is what {@link #egress()} reads the record of. */
    private WorldAddresses addresses = new WorldAddresses(List.of(), List.of());

    @Override
    public java.util.Optional<io.offswitch.sandbox.EgressRecord> egress() {
        if (closed) {
            throw new SandboxException("the world is closed: what its egress policy refused can no longer be read");
        }
        return router.egress(addresses);
    }

    @Override
    public HostDisk disk(String machineName) {
        return machineName.equals(agentName) ? agent.disk() : host(machineName).disk();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Sandbox> all = new ArrayList<>();
        all.add(agent);
        all.addAll(hosts.values());
        List<CompletableFuture<Void>> closing = all.stream().map(s -> async(() -> {
            s.close();
            return (Void) null;
        })).toList();
        for (CompletableFuture<Void> c : closing) {
            try {
                c.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // Each sandbox's close is its own; a leftover is reported by `offswitch doctor`.
            }
        }
        router.close();
        removeDirectory.run();
    }
}
