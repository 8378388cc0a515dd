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
 * <p>A file may also be made append-only, with the kernel's append-only attribute ({@code chattr +a},
 * which needs root): whoever writes it can only add to its end, and nobody inside can truncate, rewrite,
 * rename, link or remove it (EPERM), or lift the attribute (that takes CAP_LINUX_IMMUTABLE, which no
 * process of a sandbox holds). A log so kept goes on growing under its writer while its past stays.
 *
 * @param readOnly relative paths locked read-only; {@code ""} is the home itself
 * @param writable relative paths beneath a locked one kept writable (files or directories)
 * @param appendOnly relative paths of files of the home made append-only; none may lie where the lock
 *                 makes it read-only (it could not be appended to)
 */
public record HomeLock(List<String> readOnly, List<String> writable, List<String> appendOnly) {
    public static final HomeLock NONE = new HomeLock(List.of(), List.of());

    /** A lock with no append-only file. */
    public HomeLock(List<String> readOnly, List<String> writable) {
        this(readOnly, writable, List.of());
    }

    public HomeLock {
        readOnly = List.copyOf(new LinkedHashSet<>(readOnly));
        writable = List.copyOf(new LinkedHashSet<>(writable));
        appendOnly = List.copyOf(new LinkedHashSet<>(appendOnly));
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
        for (String p : appendOnly) {
            check(p, false);
        }
        for (String p : appendOnly) {
            if (locksWithin(p, readOnly, writable)) {
                throw new IllegalArgumentException("home file " + p + " is made append-only but lies in a read-only part of the lock; keep it writable too");
            }
        }
    }

    private static boolean locksWithin(String relative, List<String> readOnly, List<String> writable) {
        String lock = deepest(relative, readOnly);
        if (lock == null) {
            return false;
        }
        String open = deepest(relative, writable);
        return open == null || open.length() < lock.length();
    }

    /** This lock with more parts: each list joined to this one's (a world's own lock and a defence's). */
    public HomeLock with(HomeLock more) {
        List<String> ro = new ArrayList<>(readOnly);
        ro.addAll(more.readOnly);
        List<String> rw = new ArrayList<>(writable);
        rw.addAll(more.writable);
        List<String> ao = new ArrayList<>(appendOnly);
        ao.addAll(more.appendOnly);
        return new HomeLock(ro, rw, ao);
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
        return readOnly.isEmpty() && appendOnly.isEmpty();
    }

    /** Whether a write to {@code relative} (a path in the home) is refused: it lies in a locked part and in no writable place deeper than that part. */
    public boolean locks(String relative) {
        return locksWithin(relative, readOnly, writable);
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
        all.addAll(appendOnly);
        return all;
    }

    public record Mount(String path, boolean writable) {}
}
