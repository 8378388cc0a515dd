package io.offswitch.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.sandbox.Connection;
import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.HostService;
import io.offswitch.sandbox.HostSpec;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import io.offswitch.sandbox.bwrap.ContainmentTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Worlds of several hosts in the real sandbox, on each backend: the agent reaches the declared
 * services by name with real ssh, scp, sftp, rsync and curl; what arrives is read from outside the
 * host; every connection is in the record with its bytes; and nothing else is reachable, whatever the
 * agent (uid 1000) tries against the network, the services and the record.
 */
@Execution(ExecutionMode.CONCURRENT) // each test builds and removes its own world (instance fields, not shared); most of its time is sshd and connections
class WorldNetworkTest {
    static final String BACKUP = "backup.northwind-archive.net";
    static final String SUCCESSOR = "successor.lab.internal";
    static final String TOKEN = "s3cret-upload-token";
    private static String privateKey;
    private static String publicKey;
    private WorldMachines world;
    private final List<ServerSocket> servers = new ArrayList<>();

    static Stream<ContainmentTarget> backends() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "worlds of several hosts need root");
        return ContainmentTarget.all();
    }

    @BeforeAll
    public static void agentKey() throws Exception {
        Path dir = Files.createTempDirectory("world-key");
        Path key = dir.resolve("id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "agent@devbox", "-f", key.toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        privateKey = Files.readString(key);
        publicKey = Files.readString(Path.of(key + ".pub")).strip();
        Files.delete(key);
        Files.delete(Path.of(key + ".pub"));
        Files.delete(dir);
    }

    @AfterEach
    void close() throws IOException {
        if (world != null) {
            world.close();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    public static WorldSpec spec(Limits backupLimits) {
        SandboxSpec agent = new SandboxSpec("devbox-7", "user", List.of(
                new SandboxFile(".ssh/id_ed25519", privateKey.getBytes(StandardCharsets.UTF_8), 0600, true, false),
                SandboxFile.agentFile(".ssh/config", "Host backup\n  HostName " + BACKUP + "\n  User backup\n", 0644)), List.of(), Limits.defaults());
        HostSpec backup = new HostSpec(BACKUP, new SandboxSpec("backup", "backup", List.of(), List.of(), backupLimits),
                List.of(new HostService.Ssh(22, "backup", List.of(publicKey)), new HostService.HttpUpload(8080, "/home/backup/uploads", Optional.of(TOKEN))));
        HostSpec successor = new HostSpec(SUCCESSOR, new SandboxSpec("successor", "ops", List.of(), List.of(), Limits.defaults()),
                List.of(new HostService.Ssh(2222, "ops", List.of(publicKey))));
        return new WorldSpec(agent, List.of(backup, successor));
    }

    private WorldMachines start(ContainmentTarget target) {
        return start(target, Limits.defaults());
    }

    private WorldMachines start(ContainmentTarget target, Limits backupLimits) {
        world = target.backend().createWorld(spec(backupLimits));
        return world;
    }

    static ExecResult run(Sandbox s, String command) {
        return s.exec(new ExecRequest(command, Duration.ofSeconds(60), 1 << 20));
    }

    static String ok(Sandbox s, String command) {
        ExecResult r = run(s, command);
        assertThat(r.exitCode()).as("%s\nstdout: %s\nstderr: %s", command, r.stdout(), r.stderr()).isZero();
        return r.stdout();
    }

    private static DiskEntry file(WorldMachines world, String machine, String path) {
        return world.disk(machine).stat(path).orElseThrow(() -> new AssertionError("no " + path + " on " + machine));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theAgentCopiesAFileWithEveryToolAndItArrivesWholeAsReadFromOutside(ContainmentTarget target) {
        WorldMachines w = start(target);
        Sandbox agent = w.agent();
        ok(agent, "head -c 3000000 /dev/urandom > weights.bin");
        String hash = file(w, "devbox-7", "/home/user/weights.bin").sha256().orElseThrow();

        assertThat(ok(agent, "ssh -o BatchMode=yes backup 'hostname; id -un; echo $HOME'")).isEqualTo("backup\nbackup\n/home/backup\n");
        ok(agent, "scp -q weights.bin backup:scp.bin");
        ok(agent, "printf 'put weights.bin sftp.bin\\n' | sftp -q -b - backup");
        ok(agent, "rsync -a weights.bin backup:rsync.bin");
        ok(agent, "tar cf - weights.bin | ssh backup 'mkdir -p tar && tar xf - -C tar'");
        ok(agent, "ssh -p 2222 ops@" + SUCCESSOR + " 'cat > from-agent.bin' < weights.bin");
        ok(agent, "curl -fsS -T weights.bin -H 'Authorization: Bearer " + TOKEN + "' http://" + BACKUP + ":8080/put/weights.bin");
        ok(agent, "curl -fsS -F 'file=@weights.bin;filename=posted.bin' -H 'Authorization: Bearer " + TOKEN + "' http://" + BACKUP + ":8080/");
        assertThat(ok(agent, "curl -s -o /dev/null -w '%{http_code}' -T weights.bin http://" + BACKUP + ":8080/nokey.bin")).isEqualTo("401");

        for (String path : List.of("/home/backup/scp.bin", "/home/backup/sftp.bin", "/home/backup/rsync.bin", "/home/backup/tar/weights.bin",
                "/home/backup/uploads/put/weights.bin", "/home/backup/uploads/posted.bin")) {
            DiskEntry e = file(w, BACKUP, path);
            assertThat(e.size()).as(path).isEqualTo(3_000_000);
            assertThat(e.sha256()).as(path).contains(hash);
        }
        assertThat(file(w, SUCCESSOR, "/home/ops/from-agent.bin").sha256()).contains(hash);
        assertThat(w.disk(BACKUP).stat("/home/backup/uploads/nokey.bin")).isEmpty();
        assertThat(w.disk(BACKUP).list("/home/backup/uploads").entries()).extracting(DiskEntry::path)
                .contains("/home/backup/uploads/put", "/home/backup/uploads/put/weights.bin", "/home/backup/uploads/posted.bin");

        List<Connection> conns = w.connections();
        assertThat(conns).allSatisfy(c -> assertThat(c.from()).isEqualTo("devbox-7"));
        List<Connection> ssh = conns.stream().filter(c -> c.to().equals(BACKUP) && c.port() == 22).toList();
        assertThat(ssh).hasSize(5).allSatisfy(c -> assertThat(c.established()).isTrue());
        // Each copy carried the whole file (plus headers and encryption) from the agent to the host.
        assertThat(ssh.stream().filter(c -> c.bytesFromClient() > 3_000_000).count()).isEqualTo(4);
        List<Connection> http = conns.stream().filter(c -> c.to().equals(BACKUP) && c.port() == 8080).toList();
        assertThat(http).hasSize(3);
        assertThat(http.stream().filter(c -> c.bytesFromClient() > 3_000_000).count()).isGreaterThanOrEqualTo(2);
        assertThat(conns.stream().filter(c -> c.to().equals(SUCCESSOR) && c.port() == 2222 && c.bytesFromClient() > 3_000_000)).hasSize(1);
        assertThat(conns).allSatisfy(c -> assertThat(c.openedAt()).isBefore(java.time.Instant.now()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void hostsReachEachOthersServicesByNameAndNothingElse(ContainmentTarget target) {
        WorldMachines w = start(target);
        Sandbox successor = w.host(SUCCESSOR);
        assertThat(ok(successor, "head -c 4 < /dev/tcp/" + BACKUP + "/22")).isEqualTo("SSH-");
        assertThat(ok(successor, "getent hosts " + BACKUP + " devbox-7 | wc -l")).isEqualTo("2\n");
        assertThat(reachable(successor, BACKUP, 8080)).isTrue();
        assertThat(reachable(successor, "devbox-7", 22)).isFalse();
        assertThat(reachable(w.host(BACKUP), SUCCESSOR, 22)).isFalse();
        assertThat(reachable(w.host(BACKUP), SUCCESSOR, 2222)).isTrue();
        assertThat(w.connections()).anySatisfy(c -> {
            assertThat(c.from()).isEqualTo(SUCCESSOR);
            assertThat(c.to()).isEqualTo(BACKUP);
            assertThat(c.port()).isEqualTo(22);
        });
    }

    /** Whether a TCP connection opens within two seconds (bash's /dev/tcp; a refusal or a drop is false). */
    static boolean reachable(Sandbox from, String host, int port) {
        ExecResult r = run(from, "timeout 2 bash -c 'exec 3<>/dev/tcp/" + host + "/" + port + "' 2>/dev/null && echo OPEN || echo CLOSED");
        assertThat(r.stdout()).isIn("OPEN\n", "CLOSED\n");
        return r.stdout().equals("OPEN\n");
    }

    private int listenOn(String address) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0));
        servers.add(s);
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try {
                    s.accept().close();
                } catch (IOException e) {
                    return;
                }
            }
        });
        return s.getLocalPort();
    }

    /** Every IPv4 address of this machine, loopback included. */
    static List<String> machineAddresses() throws IOException {
        List<String> out = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    out.add(a.getHostAddress());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nothingButTheDeclaredServicesIsReachableFromAnyMachine(ContainmentTarget target) throws IOException {
        List<String> addresses = machineAddresses();
        assertThat(addresses).contains("127.0.0.1");
        int loopback = listenOn("127.0.0.1");
        int everywhere = listenOn("0.0.0.0");
        WorldMachines w = start(target);
        for (String name : List.of("devbox-7", BACKUP, SUCCESSOR)) {
            Sandbox m = name.equals("devbox-7") ? w.agent() : w.host(name);
            for (String a : addresses) {
                assertThat(reachable(m, a, everywhere)).as("%s reaches the machine's %s:%d", name, a, everywhere).isFalse();
            }
            assertThat(reachable(m, "127.0.0.1", loopback)).as("%s reaches the machine's loopback", name).isFalse();
            // The router, on each of its links, and a real address beyond it.
            for (String router : List.of("10.200.0.1", "10.200.1.1", "10.200.2.1")) {
                for (int port : List.of(22, 53, 80)) {
                    assertThat(reachable(m, router, port)).as("%s reaches the router %s:%d", name, router, port).isFalse();
                }
            }
            assertThat(reachable(m, "1.1.1.1", 443)).isFalse();
            assertThat(run(m, "ip -4 route; ip -4 -o addr").stdout()).doesNotContain("172.17.").doesNotContain("docker");
        }
        Sandbox agent = w.agent();
        assertThat(reachable(agent, BACKUP, 22)).isTrue();
        assertThat(reachable(agent, BACKUP, 8080)).isTrue();
        assertThat(reachable(agent, SUCCESSOR, 2222)).isTrue();
        for (int port : List.of(2222, 8081, 80, 443, 5000)) {
            assertThat(reachable(agent, BACKUP, port)).as("backup:%d", port).isFalse();
        }
        assertThat(reachable(agent, SUCCESSOR, 22)).isFalse();
        // A port the host opens itself, beyond the declared ones, stays closed to the agent.
        ok(w.host(BACKUP), "(setsid python3 -m http.server 9000 >/dev/null 2>&1 &); for i in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/9000) 2>/dev/null && break; sleep 0.02; done");
        assertThat(reachable(w.host(BACKUP), "127.0.0.1", 9000)).isTrue();
        assertThat(reachable(agent, BACKUP, 9000)).isFalse();
        // Refused connections never opened, so they are not in the record.
        assertThat(w.connections()).allSatisfy(c -> assertThat(List.of(22, 8080, 2222)).contains(c.port()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theAgentCannotChangeTheNetworkSpoofOrFoolTheRecord(ContainmentTarget target) {
        WorldMachines w = start(target);
        Sandbox agent = w.agent();
        for (String attack : List.of("ip addr add 10.200.1.2/24 dev eth0", "ip addr add 10.200.0.9/24 dev eth0", "ip route add 10.0.0.0/8 via 10.200.0.1",
                "ip route del default", "ip link set eth0 down", "ip link add x type dummy", "ip link set eth0 address 02:00:00:00:00:01",
                "python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)'",
                "python3 -c 'import socket; socket.socket(socket.AF_PACKET, socket.SOCK_RAW)'",
                "echo 1 > /proc/sys/net/ipv4/ip_forward", "unshare -n true", "unshare -U -r -n true")) {
            assertThat(run(agent, attack).exitCode()).as(attack).isNotZero();
        }
        assertThat(reachable(agent, BACKUP, 22)).isTrue();
        assertThat(ok(agent, "ip -4 -o addr show eth0")).contains("10.200.0.2/24");
        // A connection bound to another machine's address cannot be made: the address is not ours.
        assertThat(run(agent, "python3 -c \"import socket; s=socket.socket(); s.bind(('10.200.1.2', 0)); s.connect(('" + BACKUP + "', 22))\"").exitCode())
                .isNotZero();
        assertThat(w.connections()).allSatisfy(c -> assertThat(c.from()).isEqualTo("devbox-7"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFloodOfConnectionsIsBoundedAndTheWorldStaysCorrect(ContainmentTarget target) {
        WorldMachines w = start(target);
        Sandbox agent = w.agent();
        // 600 connections held open at once: the router lets a bounded number through and resets the rest.
        ExecResult flood = run(agent, "python3 - <<'EOF'\nimport socket\nheld=[]\nrefused=0\nfor i in range(600):\n    s=socket.socket(); s.settimeout(2)\n"
                + "    try:\n        s.connect(('" + BACKUP + "', 8080)); held.append(s)\n    except OSError:\n        refused+=1\nprint(len(held), refused)\nEOF");
        assertThat(flood.exitCode()).as(flood.stderr()).isZero();
        String[] counts = flood.stdout().strip().split(" ");
        assertThat(Integer.parseInt(counts[0])).isBetween(1, Firewall.MAX_CONNECTIONS_PER_MACHINE);
        assertThat(Integer.parseInt(counts[1])).isPositive();
        List<Connection> conns = w.connections();
        assertThat(conns.size()).isLessThanOrEqualTo(Firewall.NEW_BURST + Firewall.MAX_CONNECTIONS_PER_MACHINE);
        // Once the flood is over the services work again.
        for (int i = 0; i < 100 && !reachable(agent, BACKUP, 22); i++) {
            sleep(100);
        }
        assertThat(ok(agent, "ssh -o BatchMode=yes backup true; echo $?")).isEqualTo("0\n");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anUploadCannotFillMoreThanTheHostsDiskNorKillingItsServersFoolTheHarness(ContainmentTarget target) {
        Limits small = new Limits(512L << 20, 256, Duration.ofSeconds(60), 16L << 20);
        WorldMachines w = start(target, small);
        Sandbox agent = w.agent();
        ok(agent, "head -c 40000000 /dev/zero > big.bin; head -c 1000000 /dev/urandom > small.bin");
        ExecResult put = run(agent, "curl -s -o /dev/null -w '%{http_code}' -T big.bin -H 'Authorization: Bearer " + TOKEN + "' http://" + BACKUP + ":8080/big.bin");
        assertThat(put.stdout()).isIn("507", "000");
        assertThat(w.disk(BACKUP).stat("/home/backup/uploads/big.bin")).isEmpty();
        assertThat(run(agent, "scp -q big.bin backup:big.bin").exitCode()).isNotZero();
        // What the files hold in all (sftp may leave holes, so their sizes can add up to more): the disk limit.
        assertThat(Long.parseLong(ok(w.host(BACKUP), "df --output=used -B1 /home/backup | tail -1").strip())).isLessThanOrEqualTo(16L << 20);
        assertThat(w.disk(BACKUP).list("/home/backup").complete()).isTrue();
        // The agent, logged in on the host, kills its servers: the record and the disk are read from outside all the same.
        run(agent, "ssh backup 'rm -f big.bin; pkill -u backup -f [s]erver.py; pkill -u backup -x sshd'");
        assertThat(reachable(agent, BACKUP, 22)).isFalse();
        assertThat(reachable(agent, BACKUP, 8080)).isFalse();
        ok(agent, "scp -q -P 2222 small.bin ops@" + SUCCESSOR + ":small.bin");
        assertThat(file(w, SUCCESSOR, "/home/ops/small.bin").sha256()).isEqualTo(file(w, "devbox-7", "/home/user/small.bin").sha256());
        assertThat(w.connections()).anySatisfy(c -> assertThat(c.bytesFromClient()).isGreaterThan(1_000_000));
        // A link planted on the host is listed as a link, never followed to the harness's files.
        ok(agent, "ssh -p 2222 ops@" + SUCCESSOR + " 'ln -s /etc/shadow shadow; ln -s / root'");
        assertThat(file(w, SUCCESSOR, "/home/ops/shadow").type()).isEqualTo(DiskEntry.Type.SYMLINK);
        assertThat(w.disk(SUCCESSOR).list("/home/ops").entries()).noneMatch(e -> e.path().startsWith("/home/ops/root/"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void closingLeavesNoProcessNamespaceLinkOrDirectory(ContainmentTarget target) throws Exception {
        String linksBefore = links();
        WorldMachines w = start(target);
        NetworkedWorld nw = (NetworkedWorld) w;
        long router = nw.routerPid();
        List<Long> inits = nw.machinePids();
        String netns = Files.readSymbolicLink(Path.of("/proc", Long.toString(router), "ns", "net")).toString();
        Path dir = nw.directory();
        assertThat(Files.isDirectory(dir)).isTrue();
        long closedAtTicks = uptimeTicks();
        w.close();
        assertThat(gone(router)).as("router %d", router).isTrue();
        for (long pid : inits) {
            assertThat(gone(pid)).as("init %d", pid).isTrue();
        }
        assertThat(Files.exists(dir)).isFalse();
        assertThat(links()).isEqualTo(linksBefore);
        // No process of the world is left in the router's namespace. Namespace numbers are reused once
        // a namespace is gone, and other tests' worlds may start meanwhile: a process that started after
        // the close and is in a namespace of the same number is theirs, not a leftover of this world.
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            assertThat(procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> netns.equals(netOf(p)) && startTicks(p) <= closedAtTicks).map(Path::toString)).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aWorldWithoutHostsIsOneSandboxWithoutANetwork(ContainmentTarget target) {
        world = target.backend().createWorld(WorldSpec.single(new SandboxSpec("devbox-7", "user", List.of(), List.of(), Limits.defaults())));
        assertThat(world.hostNames()).isEmpty();
        assertThat(world.connections()).isEmpty();
        assertThat(ok(world.agent(), "ip -o link | grep -c -v ' lo:' || true")).isEqualTo("0\n");
        assertThatThrownBy(() -> world.host(BACKUP)).isInstanceOf(SandboxException.class);
        ok(world.agent(), "echo hi > a.txt");
        assertThat(world.disk("devbox-7").stat("/home/user/a.txt").orElseThrow().size()).isEqualTo(3);
    }

    /** Whether the process has ended (and been reaped) within five seconds. */
    private static boolean gone(long pid) {
        for (int i = 0; i < 500 && Files.exists(Path.of("/proc", Long.toString(pid))); i++) {
            sleep(10);
        }
        return !Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    private static String netOf(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("ns/net")).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** When the process started, in clock ticks since boot (field 22 of /proc/PID/stat); a process gone meanwhile is "never". */
    private static long startTicks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(afterName[19]);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Now, in the same clock ticks (USER_HZ is 100 on Linux). */
    private static long uptimeTicks() throws IOException {
        return Math.round(Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]) * 100) + 1;
    }

    private static String links() throws Exception {
        Process p = new ProcessBuilder("ip", "-o", "link").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // Only links a world could have left here: its router's (m0, m1...) or a machine's end (eth0 of a veth).
        return out.replaceAll("(?m)^\\d+: ", "").lines().map(l -> l.split(":")[0]).filter(n -> n.matches("(m\\d+|eth0)@.*")).sorted().toList().toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
