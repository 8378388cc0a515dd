package io.offswitch.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dockerd the tests use: on its own socket, data and exec roots (so it never clashes with a
 * daemon the machine already runs), without any network setup. Started once per JVM at first use,
 * stopped by its pid when the JVM exits; a daemon already answering on the socket is used as it is.
 */
public final class TestDockerDaemon {
    // Named neutrally: the container's mount table shows the daemon's data directory (the overlay's
    // layers), and the sandbox must name nothing of the harness (ContainmentTest checks).
    public static final String HOST = "unix:///run/sandbox-test-docker.sock";
    private static final Path DATA = Path.of("/var/lib/sandbox-test-docker");
    private static final Path EXEC = Path.of("/run/sandbox-test-docker");
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
                start();
                ready = true;
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
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
                "--data-root", DATA.toString(), "--exec-root", EXEC.toString(), "--pidfile", EXEC + ".pid", "-H", HOST))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                stop(daemon);
                throw new IllegalStateException("dockerd did not come up within 60 s; its log " + log + " ends:\n" + tail(log));
            }
            Thread.sleep(100);
        }
    }

    private static void stop(Process daemon) {
        daemon.destroy(); // SIGTERM: dockerd stops its containers and containerd
        try {
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
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
