package io.offswitch.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Who claimed an episode: one offswitch process, named by host, pid and start time (a pid alone is
 * reused). On the same host a claim of a process that is gone is taken over at once; a claim from
 * another host is taken over when its heartbeat has been silent too long.
 */
public record ClaimOwner(String host, long pid, long startedAtMillis) {
    public static ClaimOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ClaimOwner(hostName(), self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    /** The form stored in the claims table. */
    public String id() {
        return host + "/" + pid + "/" + startedAtMillis;
    }

    static Optional<ClaimOwner> parse(String id) {
        String[] parts = id.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClaimOwner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when this is known to be a process of this host that has exited (or whose pid was reused). */
    boolean goneFrom(String thisHost) {
        if (!host.equals(thisHost)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // Start times from ProcessHandle are rounded differently across reads; a second of slack.
        long started = process.get().info().startInstant().map(Instant::toEpochMilli).orElse(startedAtMillis);
        return Math.abs(started - startedAtMillis) > 1_000;
    }

    /** How people see it in messages. */
    public String describe() {
        return "pid " + pid + " on " + host;
    }
}
