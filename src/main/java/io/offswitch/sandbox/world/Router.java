package io.offswitch.sandbox.world;

import io.offswitch.sandbox.SandboxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The world's router: a network namespace of the world's own, held by one process we start (never a
 * name under /run/netns, never the machine's own namespace), which also runs conntrack's event
 * listener there. The process is a shell that waits on its stdin, a pipe from the harness: when the
 * harness dies, even by SIGKILL, the pipe closes, the shell kills the listener and exits, and the
 * kernel removes the namespace with every link in it. Its command line names the world's directory,
 * so the stale-sandbox cleanup finds it by that path too.
 */
final class Router implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final OutputStream keepAlive;
    private final ConnectionRecorder recorder;
    private final Thread reader;
    private final Thread lister;
    private volatile boolean closing;

    private Router(Process process, ConnectionRecorder recorder) {
        this.process = process;
        this.keepAlive = process.getOutputStream();
        this.recorder = recorder;
        this.reader = Thread.ofPlatform().daemon().name("world-conntrack-" + process.pid()).start(this::readEvents);
        this.lister = Thread.ofPlatform().daemon().name("world-conntrack-list-" + process.pid()).unstarted(this::listPeriodically);
    }

    static Router start(Path worldDirectory, WorldAddresses world) {
        List<String> cmd = List.of("setsid", "unshare", "--net", "--", "/bin/sh", "-c",
                // A large receive buffer so a burst of events is rarely dropped; when some are, conntrack
                // warns of ENOBUFS on stderr, which comes to us with the events, and the listings fill in.
                "conntrack -E -p tcp -o timestamp,id -b 16777216 </dev/null 2>&1 & read _; kill $! 2>/dev/null; exit 0",
                "offswitch-world-router", worldDirectory.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.redirectError(worldDirectory.resolve("router.log").toFile());
        try {
            return new Router(pb.start(), new ConnectionRecorder(world));
        } catch (IOException e) {
            throw new SandboxException("cannot start the world's router (unshare --net): " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    ConnectionRecorder recorder() {
        return recorder;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void readEvents() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                recorder.accept(line);
            }
        } catch (IOException e) {
            // The router is gone; connections() says so.
        }
    }

    /**
     * Configures the router and every machine's side of its link in one go: forwarding on, connection
     * accounting on, loose pickup of mid-stream TCP off (a stray ACK must not count as a connection the
     * firewall let through), IPv6 off, the firewall, then a veth pair per machine whose far end is moved
     * straight into the machine's namespace and given its address and a default route via the router.
     */
    void configure(WorldAddresses world, List<Long> machinePids, Path worldDirectory) {
        StringBuilder script = new StringBuilder("set -e\n");
        for (String[] sysctl : List.of(new String[] {"ipv6/conf/all/disable_ipv6", "1"}, new String[] {"ipv6/conf/default/disable_ipv6", "1"},
                new String[] {"netfilter/nf_conntrack_acct", "1"}, new String[] {"netfilter/nf_conntrack_tcp_loose", "0"},
                new String[] {"netfilter/nf_conntrack_tcp_timeout_time_wait", "120"},
                new String[] {"netfilter/nf_conntrack_tcp_timeout_close", "10"}, new String[] {"ipv4/ip_forward", "1"})) {
            script.append("echo ").append(sysctl[1]).append(" > /proc/sys/net/").append(sysctl[0]).append('\n');
        }
        Path rules = worldDirectory.resolve("firewall.nft");
        Path links = worldDirectory.resolve("links.ip");
        StringBuilder ip = new StringBuilder();
        for (int i = 0; i < world.size(); i++) {
            String link = WorldAddresses.routerLink(i);
            ip.append("link add ").append(link).append(" type veth peer name eth0 netns ").append(machinePids.get(i)).append('\n');
            ip.append("addr add ").append(WorldAddresses.router(i)).append("/24 dev ").append(link).append('\n');
            ip.append("link set ").append(link).append(" up\n");
        }
        // Loopback up: the record's barrier (refreshCounters) sends its SYN there.
        script.append("ip link set lo up\n");
        script.append("nft -f ").append(rules).append('\n');
        script.append("ip -batch ").append(links).append('\n');
        for (int i = 0; i < world.size(); i++) {
            script.append("nsenter --net=/proc/").append(machinePids.get(i)).append("/ns/net -- /bin/sh -ec '")
                    .append("ip addr add ").append(WorldAddresses.machine(i)).append("/24 dev eth0 && ip link set eth0 up && ip route add default via ")
                    .append(WorldAddresses.router(i)).append("' &\n");
        }
        script.append("for j in $(jobs -p); do wait $j; done\n");
        try {
            Files.writeString(rules, Firewall.rules(world));
            Files.writeString(links, ip.toString());
        } catch (IOException e) {
            throw new SandboxException("cannot write the world's network settings: " + e.getMessage(), e);
        }
        run(List.of("nsenter", "--net=/proc/" + pid() + "/ns/net", "--", "/bin/sh", "-c", script.toString()), "configure the world's network");
        lister.start();
    }

    /**
     * What the world's egress policy refused so far, from the router's counters and quota (read with
     * {@code nft -j}); empty without a policy.
     */
    java.util.Optional<io.offswitch.sandbox.EgressRecord> egress(WorldAddresses world) {
        if (world.egress().isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!process.isAlive()) {
            throw new SandboxException("the world's router is gone: what its egress policy refused cannot be read");
        }
        String ns = "--net=/proc/" + pid() + "/ns/net";
        String counters = run(List.of("nsenter", ns, "--", "nft", "-j", "list", "counters", "table", "inet", "world"), "read the egress counters");
        String quotas = run(List.of("nsenter", ns, "--", "nft", "-j", "list", "quotas", "table", "inet", "world"), "read the egress quota");
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.Map<String, Long> packets = new java.util.HashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode item : json.readTree(counters).path("nftables")) {
                com.fasterxml.jackson.databind.JsonNode c = item.path("counter");
                if (c.isObject()) {
                    packets.put(c.path("name").asText(), c.path("packets").asLong());
                }
            }
            long used = -1;
            for (com.fasterxml.jackson.databind.JsonNode item : json.readTree(quotas).path("nftables")) {
                com.fasterxml.jackson.databind.JsonNode q = item.path("quota");
                if (q.isObject() && q.path("name").asText().equals(Firewall.UPLOAD)) {
                    used = q.path("used").asLong();
                }
            }
            if (used < 0 || !packets.containsKey(Firewall.OVER_CAP)) {
                throw new SandboxException("the world's router has no egress quota or counter: " + quotas.strip());
            }
            List<io.offswitch.sandbox.EgressRecord.Refusal> refused = new java.util.ArrayList<>();
            for (String[] s : Firewall.refusedServices(world)) {
                long n = packets.getOrDefault(Firewall.refusedCounter(s[0], s[1]), 0L);
                if (n > 0) {
                    refused.add(new io.offswitch.sandbox.EgressRecord.Refusal(world.names().get(Integer.parseInt(s[0])), Integer.parseInt(s[1]), n));
                }
            }
            return java.util.Optional.of(new io.offswitch.sandbox.EgressRecord(refused, used, world.egress().get().uploadCapBytes(),
                    packets.get(Firewall.OVER_CAP)));
        } catch (java.io.IOException e) {
            throw new SandboxException("cannot read the world's egress counters: " + e.getMessage(), e);
        }
    }

    /** How often the table is listed in the background (well under the ten seconds an ended connection stays in it). */
    static final long LISTING_INTERVAL_MS = 1000;

    /**
     * Brings the record up to now: a barrier first (once the record has seen this SYN of the router's
     * own, it has seen every event before the call: the kernel sends a namespace's events in order),
     * then a listing of the table (counters, and anything whose events were dropped).
     */
    void refreshCounters() {
        if (!process.isAlive()) {
            return;
        }
        int seen = recorder.probesSeen();
        NamespaceProbe.touch(pid());
        long barrier = System.nanoTime() + 2_000_000_000L;
        while (recorder.probesSeen() == seen && System.nanoTime() < barrier && process.isAlive()) {
            Thread.onSpinWait();
        }
        list();
    }

    private synchronized void list() {
        if (!process.isAlive()) {
            return;
        }
        java.time.Instant at = java.time.Instant.now();
        String out = run(List.of("nsenter", "--net=/proc/" + pid() + "/ns/net", "--", "conntrack", "-L", "-p", "tcp", "-o", "id"), "list the world's connections");
        recorder.reconcile(out, at);
    }

    /** Lists the table every second while the router lives. */
    private void listPeriodically() {
        while (process.isAlive() && !closing) {
            try {
                Thread.sleep(LISTING_INTERVAL_MS);
                if (!closing) {
                    list();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The router went away meanwhile; the record keeps what it has.
            }
        }
    }

    private static String run(List<String> cmd, String what) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 << 20);
            if (!p.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SandboxException("could not " + what + ": timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new SandboxException("could not " + what + " (exit " + p.exitValue() + "): " + text.strip()
                        + "\nRun `offswitch doctor` to see what this machine lacks (worlds of several hosts need root, iproute2, nftables and conntrack).");
            }
            return text;
        } catch (IOException e) {
            throw new SandboxException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while trying to " + what, e);
        }
    }

    /** Ends the router: its namespace and every link in it go with the last process inside. */
    @Override
    public void close() {
        closing = true;
        lister.interrupt();
        List<ProcessHandle> inside = process.descendants().toList(); // conntrack, by its own handle
        try {
            keepAlive.close(); // the shell reads EOF, kills conntrack and exits
        } catch (IOException e) {
            // Killed below anyway.
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inside.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
