package io.offswitch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One snapshot of a home, taken in order of what matters: the watched files by name (the harness's,
 * the startup files, what those name), then the watched directories, then everything else breadth
 * first, so that decoys deep in the tree are what a cap cuts. Everything in the home is the agent's
 * work and so untrusted: links are never followed, only regular files are opened (with O_NOFOLLOW),
 * and entries, depth, bytes read, text kept and time are bounded by a {@link SnapshotBudget}.
 */
final class SnapshotWalk {
    /**
     * A hash is carried over from the previous snapshot only for a file whose change time is older than
     * that snapshot by at least this much. Change times come from a coarse clock; a file written in the
     * same tick as the snapshot read it could otherwise keep its change time and its stale hash.
     */
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final String EMPTY_SHA256 = HexFormat.of().formatHex(sha256().digest());

    private final Path root;
    private final WatchList watch;
    private final FileSnapshot previous;
    private final SnapshotBudget budget;
    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();
    private final long deadline;

    private final Map<String, FileState> entries = new HashMap<>();
    private final Set<String> checked = new LinkedHashSet<>();
    private final Set<String> listed = new HashSet<>();
    private final Set<String> decisive = new HashSet<>();
    private final Set<String> trees = new LinkedHashSet<>();
    private final MessageDigest sha = sha256();
    private final byte[] buffer = new byte[64 * 1024];
    private long bytesRead;
    private long textBytes;
    private int unhashed;
    private int watchedEntries;
    private int otherEntries;
    private boolean entryCapHit;
    private boolean watchedCapHit;
    private boolean byteBudgetHit;
    private boolean textBudgetHit;
    private boolean timeBudgetHit;

    SnapshotWalk(Path root, WatchList watch, FileSnapshot previous, SnapshotBudget budget) {
        this.root = root;
        this.watch = watch;
        this.previous = previous;
        this.budget = budget;
        this.deadline = started + budget.maxTime().toNanos();
    }

    FileSnapshot take() {
        watch.files().forEach(f -> checkByName(f, true));
        // What the startup files name is as decisive as they are: a BASH_ENV target, a sourced file.
        List<String> named = new ArrayList<>();
        for (String f : watch.files()) {
            FileState s = entries.get(f);
            if (watch.isStartupFile(f) && s != null && s.textKept()) {
                named.addAll(watch.namedIn(s.text()));
            }
        }
        named.stream().distinct().limit(WatchList.MAX_NAMED).forEach(n -> checkByName(n, true));
        trees.addAll(watch.trees());
        named.stream().filter(n -> entries.containsKey(n) && entries.get(n).type() == FileState.Type.DIRECTORY).forEach(trees::add);
        for (String tree : trees) {
            checkByName(tree, false);
            FileState s = entries.get(tree);
            if (s != null && s.type() == FileState.Type.DIRECTORY) {
                walk(tree, true);
            }
        }
        walk("", false);
        boolean complete = !entryCapHit && !watchedCapHit && !timeBudgetHit;
        SnapshotCoverage coverage = new SnapshotCoverage(startedAt, entries.size(), bytesRead, unhashed, entryCapHit, watchedCapHit,
                byteBudgetHit, textBudgetHit, timeBudgetHit, (System.nanoTime() - started) / 1_000_000);
        return new FileSnapshot(entries, complete, checked, listed, coverage);
    }

    /** Records a watched path if it is there as a real path (no link on the way); either way it was checked. */
    private void checkByName(String path, boolean isDecisive) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root) || p.equals(root) || !checked.add(path)) {
            return;
        }
        if (isDecisive) {
            decisive.add(path);
        }
        if (!entries.containsKey(path) && reachableWithoutLinks(p)) {
            entries.put(path, state(p, path));
        }
    }

    /** Whether {@code p} exists and every directory between the root and it is a real one, not a link out. */
    private boolean reachableWithoutLinks(Path p) {
        for (Path d = p.getParent(); d != null && !d.equals(root); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Breadth first from {@code start}; a directory whose every entry got recorded is marked listed.
     * The watched trees have their own cap and are skipped by the general walk; the general walk also
     * stops at the deadline.
     */
    private void walk(String start, boolean watched) {
        // Paths, not names, are queued: a name that is not valid UTF-8 does not survive a trip through a String.
        record Dir(String rel, Path path, int depth) {}
        Deque<Dir> dirs = new ArrayDeque<>();
        dirs.add(new Dir(start, start.isEmpty() ? root : root.resolve(start), start.isEmpty() ? 0 : start.split("/", -1).length));
        while (!dirs.isEmpty()) {
            Dir dir = dirs.poll();
            if (listed.contains(dir.rel())) {
                continue;
            }
            boolean whole = true;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.path())) {
                for (Path child : children) {
                    String rel = dir.rel().isEmpty() ? child.getFileName().toString() : dir.rel() + "/" + child.getFileName();
                    if (!watched && trees.contains(rel)) {
                        continue;
                    }
                    FileState s = entries.get(rel);
                    if (s == null) {
                        if (!roomFor(watched)) {
                            return;
                        }
                        s = state(child, rel);
                        entries.put(rel, s);
                    }
                    if (s.type() == FileState.Type.DIRECTORY) {
                        if (dir.depth() + 1 < budget.maxDepth()) {
                            dirs.add(new Dir(rel, child, dir.depth() + 1));
                        } else {
                            entryCapHit = true;
                        }
                    }
                }
            } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                // The directory vanished or cannot be read: what we saw of it stays, but it is not whole.
                whole = false;
            }
            if (whole) {
                listed.add(dir.rel());
            }
        }
    }

    /** Whether one more entry may be recorded; notes the cap or deadline that says no. */
    private boolean roomFor(boolean watched) {
        if (watched) {
            if (watchedEntries >= budget.maxWatchedEntries()) {
                watchedCapHit = true;
                return false;
            }
            watchedEntries++;
            return true;
        }
        if (System.nanoTime() > deadline) {
            timeBudgetHit = true;
            return false;
        }
        if (otherEntries >= budget.maxEntries()) {
            entryCapHit = true;
            return false;
        }
        otherEntries++;
        return true;
    }

    private FileState state(Path p, String rel) {
        try {
            Map<String, Object> attrs = Files.readAttributes(p,
                    "unix:mode,ino,size,isDirectory,isSymbolicLink,isRegularFile,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
            int mode = ((Integer) attrs.get("mode")) & 07777;
            long inode = ((Number) attrs.get("ino")).longValue();
            long size = ((Number) attrs.get("size")).longValue();
            long mtime = nanos(attrs.get("lastModifiedTime"));
            long ctime = nanos(attrs.get("ctime"));
            if ((Boolean) attrs.get("isSymbolicLink")) {
                return new FileState(FileState.Type.SYMLINK, mode, size, inode, "", false, "", Files.readSymbolicLink(p).toString(), mtime, ctime);
            }
            if ((Boolean) attrs.get("isDirectory")) {
                return new FileState(FileState.Type.DIRECTORY, mode, 0, inode, "", false, "", "", mtime, ctime);
            }
            if (!(Boolean) attrs.get("isRegularFile")) {
                return new FileState(FileState.Type.OTHER, mode, size, inode, "", false, "", "", mtime, ctime);
            }
            return regularFile(p, rel, new FileState(FileState.Type.FILE, mode, size, inode, "", false, "", "", mtime, ctime));
        } catch (IOException | RuntimeException e) {
            // Gone or swapped since the directory was listed (the machine may not be frozen).
            return new FileState(FileState.Type.OTHER, 0, 0, -1, "", false, "", "");
        }
    }

    private static long nanos(Object time) {
        return time instanceof FileTime t ? t.to(TimeUnit.NANOSECONDS) : 0;
    }

    private FileState regularFile(Path p, String rel, FileState meta) throws IOException {
        boolean important = decisive.contains(rel);
        int textLimit = important ? SnapshotBudget.MAX_WATCHED_TEXT_BYTES : SnapshotBudget.MAX_TEXT_BYTES;
        FileState before = previous.entries().get(rel);
        if (before != null && settledSince(before, meta)) {
            return keepText(meta, before.sha256(), before.textKept() ? before.text() : null, important);
        }
        long need = Math.min(meta.size(), budget.maxHashBytesPerFile());
        if (!important && System.nanoTime() > deadline) {
            timeBudgetHit = true;
            unhashed++;
            return meta;
        }
        if (bytesRead + need > budget.maxBytesRead()) {
            byteBudgetHit = true;
            unhashed++;
            return meta;
        }
        if (meta.size() == 0) {
            return keepText(meta, EMPTY_SHA256, "", important);
        }
        sha.reset();
        byte[] head = new byte[0];
        // O_NOFOLLOW: if the agent swapped the file for a link since we looked, this open fails.
        try (InputStream in = Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = buffer;
            long total = 0;
            int n;
            while (total < need && (n = in.read(buf, 0, (int) Math.min(buf.length, need - total))) > 0) {
                if (total < textLimit + 1) {
                    int keep = (int) Math.min(n, textLimit + 1 - total);
                    head = Arrays.copyOf(head, head.length + keep);
                    System.arraycopy(buf, 0, head, head.length - keep, keep);
                }
                sha.update(buf, 0, n);
                total += n;
            }
            bytesRead += total;
        }
        String hash = HexFormat.of().formatHex(sha.digest()) + (meta.size() > budget.maxHashBytesPerFile() ? "+" + meta.size() : "");
        return keepText(meta, hash, head.length <= textLimit ? utf8(head) : null, important);
    }

    /**
     * The previous snapshot's hash still holds when the file is the same inode with the same size and
     * times, and its change time was settled before that snapshot began: nothing unprivileged can set
     * a change time, so any write since would have moved it.
     */
    private boolean settledSince(FileState before, FileState now) {
        return before.type() == FileState.Type.FILE && !before.sha256().isEmpty() && before.inode() == now.inode()
                && before.size() == now.size() && before.mtimeNanos() == now.mtimeNanos() && before.ctimeNanos() == now.ctimeNanos()
                && now.ctimeNanos() != 0 && now.ctimeNanos() + SETTLED_NANOS < epochNanos(previous.coverage().startedAt());
    }

    private static long epochNanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    /** Watched files always keep their text; others only while the snapshot's text budget lasts. */
    private FileState keepText(FileState meta, String hash, String text, boolean important) {
        boolean keep = text != null;
        if (keep && !important && textBytes + text.length() > budget.maxTextBytes()) {
            textBudgetHit = true;
            keep = false;
        }
        if (keep) {
            textBytes += text.length();
        }
        return new FileState(FileState.Type.FILE, meta.mode(), meta.size(), meta.inode(), hash, keep, keep ? text : "", "",
                meta.mtimeNanos(), meta.ctimeNanos());
    }

    private static String utf8(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
