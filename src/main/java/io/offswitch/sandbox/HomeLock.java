package io.offswitch.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parts of the home mounted read-only over themselves before the agent starts, with places beneath
 * them kept writable: the kernel refuses every file created, changed, renamed or removed in a locked
 * part (EROFS), and a mounted place cannot itself be moved or removed (EBUSY). The mounts are of the
 * home's own directories, so the harness still reads the home whole from outside, and nothing the
 * agent runs can lift them. A locked file or directory must exist in the home; a writable directory
 * missing from it is made empty.
 *
 * @param readOnly relative paths locked read-only; {@code ""} is the home itself
 * @param writable relative paths beneath a locked one kept writable (files or directories)
 */
public record HomeLock(List<String> readOnly, List<String> writable) {
    public static final HomeLock NONE = new HomeLock(List.of(), List.of());

    public HomeLock {
        readOnly = List.copyOf(new LinkedHashSet<>(readOnly));
        writable = List.copyOf(new LinkedHashSet<>(writable));
        for (String p : readOnly) {
            check(p, true);
        }
        for (String p : writable) {
            check(p, false);
            if (readOnly.contains(p)) {
                throw new IllegalArgumentException("home path " + p + " is both locked and kept writable");
            }
            if (readOnly.stream().noneMatch(r -> beneath(p, r))) {
                throw new IllegalArgumentException("home path " + p + " is kept writable but lies in no locked part (" + String.join(", ", readOnly) + ")");
            }
        }
    }

    private static void check(String p, boolean homeAllowed) {
        if (p == null || p.startsWith("/") || p.endsWith("/") || p.contains("//") || List.of(p.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals("."))
                || p.isEmpty() && !homeAllowed || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a path relative to the home for a lock: '" + p + "'");
        }
    }

    /** Whether relative path {@code p} is {@code dir} or lies below it ({@code ""} is the home). */
    public static boolean beneath(String p, String dir) {
        return dir.isEmpty() || p.equals(dir) || p.startsWith(dir + "/");
    }

    public boolean isNone() {
        return readOnly.isEmpty();
    }

    /** Whether a write to {@code relative} (a path in the home) is refused: it lies in a locked part and in no writable place deeper than that part. */
    public boolean locks(String relative) {
        String lock = deepest(relative, readOnly);
        if (lock == null) {
            return false;
        }
        String open = deepest(relative, writable);
        return open == null || open.length() < lock.length();
    }

    private static String deepest(String p, List<String> places) {
        String best = null;
        for (String d : places) {
            if (beneath(p, d) && (best == null || d.length() > best.length())) {
                best = d;
            }
        }
        return best;
    }

    /** The mounts to make, parents before what lies beneath them: relative path and whether it is writable. */
    public List<Mount> mounts() {
        List<Mount> out = new ArrayList<>();
        readOnly.forEach(p -> out.add(new Mount(p, false)));
        writable.forEach(p -> out.add(new Mount(p, true)));
        out.sort(Comparator.comparingInt((Mount m) -> m.path().isEmpty() ? 0 : m.path().split("/").length).thenComparing(Mount::path));
        return out;
    }

    /** Every path of the lock, for checks. */
    public Set<String> paths() {
        Set<String> all = new LinkedHashSet<>(readOnly);
        all.addAll(writable);
        return all;
    }

    public record Mount(String path, boolean writable) {}
}
