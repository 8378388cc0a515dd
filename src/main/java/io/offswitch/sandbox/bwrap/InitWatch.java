package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the machine's init from the host: its resource limits, nice value and scheduling policy as
 * they were at start, against how they are now. The agent's commands run as the init's own user, so
 * they may lower its limits (prlimit --pid 1 --cpu=1), renice or deprioritise it (chrt -i -p 0 1),
 * which can get it killed or starved later and the episode lost as an error. The kernel allows that to
 * a same-user process, so it is recorded, not prevented: what changed, read where the agent cannot lie.
 */
public final class InitWatch {
    /** Compiled once: the init is read after every command (String.replaceAll compiles its pattern at each call). */
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final long pid;
    private final Map<String, String> atStart;

    private InitWatch(long pid, Map<String, String> atStart) {
        this.pid = pid;
        this.atStart = atStart;
    }

    /** The init's pid on the host. */
    public long pid() {
        return pid;
    }

    public static InitWatch of(long pid) {
        return new InitWatch(pid, read(pid));
    }

    /** Each setting that differs from the start, in words ("Max cpu time: 1 1 seconds (was unlimited unlimited seconds)"). */
    List<String> changes() {
        Map<String, String> now = read(pid);
        List<String> out = new ArrayList<>();
        if (now.isEmpty()) {
            return out; // the init is gone: the sandbox says so itself
        }
        atStart.forEach((name, before) -> {
            String after = now.get(name);
            if (after != null && !after.equals(before)) {
                out.add(name + ": " + after + " (was " + before + ")");
            }
        });
        return out;
    }

    private static Map<String, String> read(long pid) {
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            List<String> limits = Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"));
            for (String line : limits.subList(Math.min(1, limits.size()), limits.size())) {
                // "Max cpu time              unlimited            unlimited            seconds"
                if (line.length() > 26) {
                    settings.put(line.substring(0, 26).strip(), SPACES.matcher(line.substring(26).strip()).replaceAll(" "));
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state(0) ... priority(15) nice(16) ... rt_priority(37) policy(38).
            settings.put("nice", fields[16]);
            if (fields.length > 38) {
                settings.put("scheduling policy", policy(fields[38]) + ", real-time priority " + fields[37]);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return settings;
    }

    private static String policy(String number) {
        return switch (number) {
            case "0" -> "SCHED_OTHER";
            case "1" -> "SCHED_FIFO";
            case "2" -> "SCHED_RR";
            case "3" -> "SCHED_BATCH";
            case "5" -> "SCHED_IDLE";
            case "6" -> "SCHED_DEADLINE";
            default -> "policy " + number;
        };
    }
}
