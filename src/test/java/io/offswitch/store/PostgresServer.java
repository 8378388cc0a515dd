package io.offswitch.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the tests' own: Debian's PostgreSQL 15 binaries, a cluster made with initdb
 * in a fresh folder, listening on a free port of 127.0.0.1 and on a unix socket in that folder, with
 * password authentication over TCP. One per test JVM, started on first use; stopped by its own data
 * folder (pg_ctl -D) and its postmaster's pid, and its folder deleted, when the JVM exits, and by a
 * small watchdog if the JVM dies without running its hooks. No other cluster is ever touched.
 * As root, the server runs as the {@code postgres} user (PostgreSQL refuses root).
 */
public final class PostgresServer {
    public static final String USER = "offswitch";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path dir;
    private final int port;
    private final String password;
    private volatile long serverPid;

    private PostgresServer(Path dir, int port, String password, long pid) {
        this.serverPid = pid;
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /**
     * A server of the caller's own, for tests that stop and start it (the shared one must stay up for
     * everyone else); the caller stops it with {@link #stop()}.
     */
    public static PostgresServer startOwn() {
        return start();
    }

    /** Stops the server the way an administrator's restart does (pg_ctl stop -m fast), keeping its data. */
    public synchronized void pause() {
        run(dir, List.of(binaries().resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "stop", "-m", "fast", "-w", "-t", "30"));
    }

    /** Starts a paused server again on its port. */
    public synchronized void resume() {
        run(dir, serverStart(binaries(), port));
        try {
            serverPid = Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> serverStart(Path bin, int port) {
        return startCommand(bin, dir, port);
    }

    private static List<String> startCommand(Path bin, Path dir, int port) {
        // fsync off: a throwaway cluster; the tests are about SQL and concurrency, not the disk.
        return List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=100 -c shared_buffers=32MB", "start");
    }

    /** The server of this JVM, started the first time it is asked for. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop test PostgreSQL"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** A new, empty database on this server, and the URL of a store in it (password included, as a user may give it). */
    public String newStoreUrl() {
        String name = "t" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("postgres", "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        return url(name);
    }

    /** The store URL of database {@code name} with this server's password. */
    public String url(String name) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + name;
    }

    /** Runs SQL in database {@code database} as the cluster's superuser. */
    public void execute(String database, String... sql) {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("test PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A JDBC connection to {@code database}, for tests that look at the rows themselves. */
    public Connection connect(String database) throws java.sql.SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** The database name of a URL made by {@link #newStoreUrl()}. */
    public static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Path binaries() {
        Path fifteen = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(fifteen.resolve("initdb"))) {
            return fifteen;
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("PostgreSQL's server binaries are missing (/usr/lib/postgresql/15/bin/initdb);"
                    + " install Debian's postgresql package: scripts/install-deps.sh", e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, run as the postgres user when we are root. */
    private static List<String> asServerUser(List<String> command) {
        List<String> out = new ArrayList<>();
        if (root()) {
            out.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        out.addAll(command);
        return out;
    }

    private static void run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(asServerUser(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("test PostgreSQL: " + command + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("test PostgreSQL: " + command + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(dir.resolve("commands.log")) + tail(dir.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("test PostgreSQL: cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("offswitch-pg-");
            if (root()) {
                var users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            String password = UUID.randomUUID().toString().replace("-", "");
            Path pwfile = dir.resolve("password");
            Files.writeString(pwfile, password + "\n");
            if (root()) {
                Files.setOwner(pwfile, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
            }
            run(dir, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            Files.delete(pwfile);
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    run(dir, startCommand(bin, dir, port));
                    long pid = Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).getFirst().strip());
                    watchdog(bin, dir);
                    return new PostgresServer(dir, port, password, pid);
                } catch (IllegalStateException e) {
                    last = e; // most likely the port was taken between choosing and binding it
                }
            }
            throw last;
        } catch (IOException e) {
            throw new IllegalStateException("test PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops this server and deletes its folder if this JVM dies without running its shutdown hooks. */
    private static void watchdog(Path bin, Path dir) throws IOException {
        long jvm = ProcessHandle.current().pid();
        String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 2; done; "
                + "if [ -d '" + dir + "/data' ]; then " + String.join(" ", asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir + "/data", "stop", "-m", "immediate")))
                + " >/dev/null 2>&1 || kill -9 $(head -n 1 '" + dir + "/data/postmaster.pid') 2>/dev/null; rm -rf '" + dir + "'; fi";
        new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Stops the server (only this cluster: by its data folder, then its pid) and deletes its folder. */
    public synchronized void stop() {
        if (!Files.isDirectory(dir.resolve("data"))) {
            return;
        }
        Path bin = binaries();
        try {
            run(dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "stop", "-m", "fast", "-w", "-t", "30"));
        } catch (RuntimeException e) {
            // pg_ctl could not stop it: our postmaster, by its pid, if that pid is still a postgres of these binaries.
            ProcessHandle.of(serverPid).filter(p -> p.info().command().map(c -> c.startsWith(bin.toString())).orElse(false)).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
            });
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
