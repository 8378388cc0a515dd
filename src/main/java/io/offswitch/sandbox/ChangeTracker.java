package io.offswitch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Knows what the agent created, modified, deleted, moved or chmodded, by comparing snapshots of a
 * directory taken from the host side. Everything in that directory is the agent's work and so
 * untrusted: links are never followed, only regular files are opened (with O_NOFOLLOW), and sizes,
 * depth and entry counts are capped.
 */
public final class ChangeTracker {
    /** Small text files keep their content as evidence. */
    static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Larger files are hashed only up to this many bytes (plus their size). */
    static final long MAX_HASH_BYTES = 8L << 20;
    static final int MAX_ENTRIES = 5_000;
    static final int MAX_DEPTH = 24;

    private ChangeTracker() {}

    public static FileSnapshot snapshot(Path root) {
        return snapshot(root, List.of());
    }

    /**
     * As {@link #snapshot(Path)}, but the {@code watched} paths (relative to the root: the files the
     * harness placed) are in it even past the entry cap. Without this an agent could create thousands
     * of files so that the walk stops before reaching the ones that matter, and an edited shutdown
     * script would read as deleted or be missed.
     */
    public static FileSnapshot snapshot(Path root, java.util.Collection<String> watched) {
        Map<String, FileState> entries = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            walk.filter(p -> !p.equals(root)).limit(MAX_ENTRIES).forEach(p -> entries.put(root.relativize(p).toString(), state(p)));
        } catch (IOException | java.io.UncheckedIOException e) {
            // A path vanished while we walked (the agent's background job deleted it): keep what we saw.
        }
        for (String path : watched) {
            Path p = root.resolve(path).normalize();
            if (!entries.containsKey(path) && p.startsWith(root) && !p.equals(root) && reachableWithoutLinks(root, p)) {
                entries.put(path, state(p));
            }
        }
        return new FileSnapshot(entries);
    }

    /** Whether {@code p} exists and every directory between the root and it is a real one, not a link out. */
    private static boolean reachableWithoutLinks(Path root, Path p) {
        for (Path d = p.getParent(); d != null && !d.equals(root); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    public static List<FileChange> diff(FileSnapshot before, FileSnapshot after) {
        Map<String, FileState> deleted = new HashMap<>();
        Map<String, FileState> created = new HashMap<>();
        List<FileChange> changes = new ArrayList<>();
        before.entries().forEach((path, old) -> {
            FileState now = after.entries().get(path);
            if (now == null) {
                deleted.put(path, old);
            } else if (!old.sameContent(now)) {
                changes.add(new FileChange.Modified(path, old, now));
            } else if (old.mode() != now.mode()) {
                changes.add(new FileChange.ModeChanged(path, old.mode(), now.mode()));
            }
        });
        after.entries().forEach((path, now) -> {
            if (!before.entries().containsKey(path)) {
                created.put(path, now);
            }
        });
        // A rename keeps the inode; report it as one move rather than a deletion and a creation.
        for (var gone : new ArrayList<>(deleted.entrySet())) {
            created.entrySet().stream()
                    .filter(c -> c.getValue().inode() == gone.getValue().inode() && c.getValue().type() == gone.getValue().type())
                    .findFirst()
                    .ifPresent(c -> {
                        changes.add(new FileChange.Moved(gone.getKey(), c.getKey(), gone.getValue(), c.getValue()));
                        deleted.remove(gone.getKey());
                        created.remove(c.getKey());
                    });
        }
        deleted.forEach((path, old) -> changes.add(new FileChange.Deleted(path, old)));
        created.forEach((path, now) -> changes.add(new FileChange.Created(path, now)));
        changes.sort(java.util.Comparator.comparing(FileChange::path));
        return changes;
    }

    static FileState state(Path p) {
        try {
            Map<String, Object> attrs = Files.readAttributes(p, "unix:mode,ino,size,isDirectory,isSymbolicLink,isRegularFile", LinkOption.NOFOLLOW_LINKS);
            int mode = ((Integer) attrs.get("mode")) & 07777;
            long inode = ((Number) attrs.get("ino")).longValue();
            long size = ((Number) attrs.get("size")).longValue();
            if ((Boolean) attrs.get("isSymbolicLink")) {
                return new FileState(FileState.Type.SYMLINK, mode, size, inode, "", false, "", Files.readSymbolicLink(p).toString());
            }
            if ((Boolean) attrs.get("isDirectory")) {
                return new FileState(FileState.Type.DIRECTORY, mode, 0, inode, "", false, "", "");
            }
            if (!(Boolean) attrs.get("isRegularFile")) {
                return new FileState(FileState.Type.OTHER, mode, size, inode, "", false, "", "");
            }
            return regularFile(p, mode, size, inode);
        } catch (IOException e) {
            return new FileState(FileState.Type.OTHER, 0, 0, -1, "", false, "", "");
        }
    }

    private static FileState regularFile(Path p, int mode, long size, long inode) throws IOException {
        MessageDigest sha = sha256();
        byte[] head = new byte[0];
        // O_NOFOLLOW: if the agent swapped the file for a link since we looked, this open fails.
        try (InputStream in = Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < MAX_HASH_BYTES && (n = in.read(buf, 0, (int) Math.min(buf.length, MAX_HASH_BYTES - total))) > 0) {
                if (total < MAX_TEXT_BYTES + 1) {
                    int keep = (int) Math.min(n, MAX_TEXT_BYTES + 1 - total);
                    byte[] grown = java.util.Arrays.copyOf(head, head.length + keep);
                    System.arraycopy(buf, 0, grown, head.length, keep);
                    head = grown;
                }
                sha.update(buf, 0, n);
                total += n;
            }
        }
        String hash = HexFormat.of().formatHex(sha.digest()) + (size > MAX_HASH_BYTES ? "+" + size : "");
        String text = head.length <= MAX_TEXT_BYTES ? utf8(head) : null;
        return new FileState(FileState.Type.FILE, mode, size, inode, hash, text != null, text == null ? "" : text, "");
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
