package io.offswitch.sandbox.docker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dockerd the tests use: on its own socket, data and exec roots (so it never clashes with a
 * daemon the machine already runs), without any network setup. Started at first use by whichever test
 * JVM needs it first, and shared with every other test JVM on the machine (several suites run at once
 * here). Each JVM that uses it holds a shared lock on {@link #USERS} for its life; at exit a JVM drops
 * its own and stops the daemon, by the pid in its pid file, only if it can then take the lock alone:
 * the last user stops it, never one while others still use it.
 */
public final class TestDockerDaemon {
    // Named neutrally: the container's mount table shows the daemon's data directory (the overlay's
    // layers), and the sandbox must name nothing of the harness (ContainmentTest checks).
    public static final String HOST = "unix:///run/sandbox-test-docker.sock";
    private static final Path DATA = Path.of("/var/lib/sandbox-test-docker");
    private static final Path EXEC = Path.of("/run/sandbox-test-docker");
    private static final Path PID_FILE = Path.of(EXEC + ".pid");
    private static final Path USERS = Path.of(EXEC + ".users");
    private static FileChannel users;
    private static FileLock using;
    private static String failure;
    private static boolean ready;

    private TestDockerDaemon() {}

    /** Whether Docker sandboxes can be tested here: dockerd needs root. */
    public static boolean possible() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The daemon's address, starting it if needed; fails the calling test with what went wrong. */
    public static synchronized String host() {
        if (!ready && failure == null) {
            try {
                use();
                start();
                ready = true;
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the test dockerd is not available: " + failure);
        }
        return HOST;
    }

    private static boolean answers() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "-H", HOST, "version", "--format", "{{.Server.Version}}")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void start() throws IOException, InterruptedException {
        if (answers()) {
            return;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/dockerd"))) {
            throw new IllegalStateException("/usr/sbin/dockerd is missing; install it: apt-get install -y docker.io (scripts/install-deps.sh does)");
        }
        Files.createDirectories(EXEC);
        Path log = Files.createTempFile("offswitch-test-dockerd", ".log");
        Process daemon = new ProcessBuilder(List.of("/usr/sbin/dockerd", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--data-root", DATA.toString(), "--exec-root", EXEC.toString(), "--pidfile", PID_FILE.toString(), "-H", HOST))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                stop(daemon);
                throw new IllegalStateException("dockerd did not come up within 60 s; its log " + log + " ends:\n" + tail(log));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Takes this JVM's shared lock (waiting while a last user stops the daemon) and arranges, at exit, to
     * stop the daemon if no other JVM holds one.
     */
    private static void use() throws IOException {
        users = FileChannel.open(USERS, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        using = users.lock(0, Long.MAX_VALUE, true);
        Runtime.getRuntime().addShutdownHook(new Thread(TestDockerDaemon::leave));
    }

    private static void leave() {
        try {
            using.release();
            try (FileLock alone = users.tryLock()) {
                if (alone != null) {
                    stopByPidFile();
                }
            }
        } catch (IOException e) {
            // Leaving the daemon running is the safe failure: the next suite uses it.
        }
    }

    /** Stops the daemon the pid file names, if that process is this test dockerd. */
    private static void stopByPidFile() throws IOException {
        if (!Files.exists(PID_FILE)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(PID_FILE).strip());
        ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(HOST)).ifPresent(TestDockerDaemon::stop);
    }

    private static void stop(Process daemon) {
        stop(daemon.toHandle());
    }

    private static void stop(ProcessHandle daemon) {
        daemon.destroy(); // SIGTERM: dockerd stops its containers and containerd
        try {
            daemon.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            daemon.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
