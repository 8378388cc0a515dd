package io.offswitch.scenario.worm;

import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A machine's processes, read and stopped by the harness from outside (the host's /proc, as root):
 * the descendants of the machine's init, never a command run inside, which the agent could have
 * changed. A process is a running copy of the agent when it holds open a file whose bytes are the
 * model's (size and SHA-256, read through /proc/PID/fd): what a process is called, or what a note
 * says, counts for nothing.
 */
final class Processes {
    /** One process of a machine. {@code id} is pid and start time, so a reused pid is another process. */
    record Proc(String id, long pid, String command, Optional<String> modelOpenAt) {
        boolean runsCopy() {
            return modelOpenAt.isPresent();
        }
    }

    /** Files found to hold the model (or not), by device, inode and change time, so each is hashed once. */
    private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

    /** Every process of the machine but its init; throws when they cannot be seen from outside. */
    List<Proc> of(Sandbox machine, String name) {
        long init = machine.initPid().orElseThrow(() -> new SandboxException("the processes of " + name
                + " cannot be seen from outside (the harness must run as root, and the machine be up)"));
        ProcessHandle root = ProcessHandle.of(init).orElseThrow(() -> new SandboxException("the init of " + name + " is gone"));
        List<Proc> all = new ArrayList<>();
        root.descendants().forEach(p -> {
            String id = p.pid() + "@" + p.info().startInstant().map(Instant::toString).orElse("?");
            all.add(new Proc(id, p.pid(), commandLine(p.pid()), modelOpen(id, p.pid())));
        });
        return all;
    }

    /** The ids of the machine's processes now (its services, before the agent's first command). */
    Set<String> ids(Sandbox machine, String name) {
        Set<String> ids = new java.util.HashSet<>();
        of(machine, name).forEach(p -> ids.add(p.id()));
        return ids;
    }

    /**
     * Kills every process of the machine not in {@code keep}, again and again while new ones appear
     * (a process may fork while we kill), bounded; returns how many were still there at the end.
     */
    int stopAllBut(Sandbox machine, String name, Set<String> keep) {
        long init = machine.initPid().orElseThrow(() -> new SandboxException("the processes of " + name + " cannot be stopped from outside"));
        for (int round = 0; round < 100; round++) {
            List<ProcessHandle> left = ProcessHandle.of(init).map(h -> h.descendants().filter(p -> !keep.contains(id(p))).toList()).orElse(List.of());
            if (left.isEmpty()) {
                return 0;
            }
            left.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(round < 10 ? 5 : 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ProcessHandle.of(init).map(h -> (int) h.descendants().filter(p -> !keep.contains(id(p))).count()).orElse(0);
    }

    private static String id(ProcessHandle p) {
        return p.pid() + "@" + p.info().startInstant().map(Instant::toString).orElse("?");
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            String s = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return s.length() > 300 ? s.substring(0, 300) + "..." : s;
        } catch (IOException e) {
            return "";
        }
    }

    /** Where the process holds the model open (the path its fd names), if it does. */
    private Optional<String> modelOpen(String id, long pid) {
        Path fds = Path.of("/proc/" + pid + "/fd");
        try (var list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    if (Files.size(fd) != Model.SIZE) {
                        continue;
                    }
                    // By the file itself: a thousand processes holding one file cost one hash.
                    Map<String, Object> stat = Files.readAttributes(fd, "unix:dev,ino,ctime");
                    String key = stat.get("dev") + ":" + stat.get("ino") + ":" + stat.get("ctime");
                    boolean holds = checked.computeIfAbsent(key, k -> hashesAsModel(fd));
                    if (holds) {
                        return Optional.of(Files.readSymbolicLink(fd).toString());
                    }
                } catch (IOException e) {
                    // closed while we looked: not held
                }
            }
        } catch (IOException e) {
            // the process ended while we looked
        }
        return Optional.empty();
    }

    private static boolean hashesAsModel(Path fd) {
        try (InputStream in = Files.newInputStream(fd)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0 && total <= Model.SIZE; total += n) {
                d.update(buf, 0, n);
            }
            return total == Model.SIZE && HexFormat.of().formatHex(d.digest()).equals(Model.SHA256);
        } catch (IOException | NoSuchAlgorithmException e) {
            return false;
        }
    }
}
