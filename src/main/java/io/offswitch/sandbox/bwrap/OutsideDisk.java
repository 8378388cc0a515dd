package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.HostDisk;
import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A machine's disk read from the harness's side: the home through its host directory (readable after
 * the machine went down), anything else through {@code /proc/PID/root} of the machine's init while it
 * runs. The machine is frozen during each read when the backend can freeze it, so its processes cannot
 * swap a checked directory for a link between our look and our open; links are reported, never followed.
 */
final class OutsideDisk implements HostDisk {
    /** Never walked into: their files are the kernel's, some endless or blocking. */
    private static final java.util.Set<String> PSEUDO = java.util.Set.of("/proc", "/sys", "/dev");
    /** Bytes hashed in one read at most: a sparse file can claim far more than its disk holds. */
    static final long HASH_BUDGET = 8L << 30;

    private final String home;
    private final Path hostHome;
    private final Supplier<OptionalLong> initPid;
    private final BooleanSupplier freeze;
    private final Runnable thaw;

    private final List<CopyOnWriteLayers> copyOnWrite;

    OutsideDisk(String home, Path hostHome, List<CopyOnWriteLayers> copyOnWrite, Supplier<OptionalLong> initPid, BooleanSupplier freeze, Runnable thaw) {
        this.home = home;
        this.copyOnWrite = List.copyOf(copyOnWrite);
        this.hostHome = hostHome;
        this.initPid = initPid;
        this.freeze = freeze;
        this.thaw = thaw;
    }

    @Override
    public Listing list(String directory) {
        Path start = hostPath(directory);
        return frozen(() -> walk(directory, start));
    }

    @Override
    public Optional<DiskEntry> stat(String path) {
        Path p = hostPath(path);
        return frozen(() -> {
            try {
                return Optional.of(entry(path, p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new SandboxException("cannot read " + path + " of the machine: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<byte[]> read(String path, long maxBytes) {
        Path p = hostPath(path);
        return frozen(() -> {
            try {
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attrs.isRegularFile() || attrs.size() > maxBytes) {
                    return Optional.empty();
                }
                // NOFOLLOW: if the last component became a link after all, the open fails instead of following it.
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                    return content.length > maxBytes ? Optional.<byte[]>empty() : Optional.of(content);
                }
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new SandboxException("cannot read " + path + " of the machine: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Optional<Slice> readSlice(String path, long offset, int maxBytes) {
        if (offset < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("a slice starts at a byte offset of 0 or more and holds 0 bytes or more");
        }
        Path p = hostPath(path);
        return frozen(() -> {
            try {
                // Looked at before it is opened: a pipe put in its place would block the open.
                if (!Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                    return Optional.<Slice>empty();
                }
            } catch (NoSuchFileException e) {
                return Optional.<Slice>empty();
            } catch (IOException e) {
                throw new SandboxException("cannot read " + path + " of the machine: " + e.getMessage(), e);
            }
            try (java.nio.channels.SeekableByteChannel in = Files.newByteChannel(p, java.util.Set.of(java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                long size = in.size();
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.max(0, Math.min(maxBytes, size - offset)));
                in.position(Math.min(offset, size));
                while (buf.hasRemaining() && in.read(buf) > 0) {
                    // read until the slice is full or the file ends
                }
                return Optional.of(new Slice(java.util.Arrays.copyOf(buf.array(), buf.position()), size));
            } catch (NoSuchFileException e) {
                return Optional.<Slice>empty();
            } catch (IOException e) {
                if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null && f.getReason().contains("symbolic link")) {
                    return Optional.<Slice>empty();
                }
                throw new SandboxException("cannot read " + path + " of the machine: " + e.getMessage(), e);
            }
        });
    }

    private <T> T frozen(Supplier<T> read) {
        boolean held = freeze.getAsBoolean();
        try {
            return read.get();
        } finally {
            if (held) {
                thaw.run();
            }
        }
    }

    /** Where the harness finds a path of the machine. */
    private Path hostPath(String path) {
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.contains("\0")) {
            throw new SandboxException("not an absolute path of the machine: " + path);
        }
        String clean = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (clean.equals(home) || clean.startsWith(home + "/")) {
            return hostHome.resolve(clean.substring(home.length()).replaceFirst("^/", ""));
        }
        long pid = initPid.get().orElseThrow(() -> new SandboxException("the machine is down: only its home (" + home + ") can still be read, not " + path));
        return Path.of("/proc", Long.toString(pid), "root").resolve(clean.substring(1));
    }

    private Listing walk(String directory, Path start) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        List<Found> found = new ArrayList<>();
        boolean[] complete = {true};
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return new Listing(List.of(), true);
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (PSEUDO.contains(prefix + start.relativize(dir))) {
                        return FileVisitResult.SKIP_SUBTREE; // the kernel's files: endless, or blocking on read
                    }
                    if (!dir.equals(start) && !add(dir, attrs)) {
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return add(file, attrs) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    complete[0] = false;
                    return FileVisitResult.CONTINUE;
                }

                private boolean add(Path p, BasicFileAttributes attrs) {
                    if (found.size() >= MAX_ENTRIES) {
                        complete[0] = false;
                        return false;
                    }
                    found.add(new Found(prefix + start.relativize(p), p, attrs));
                    return true;
                }
            });
        } catch (IOException e) {
            complete[0] = false;
        }
        // Listed first, hashed after: big files always (a copy of anything worth finding is big), small
        // ones while they number few enough, so a flood of small files costs a walk, not a hash of each.
        List<DiskEntry> entries = new ArrayList<>();
        long[] budget = {HASH_BUDGET};
        int smallHashed = 0;
        long unhashed = 0;
        for (Found f : found) {
            try {
                boolean small = f.attrs().isRegularFile() && f.attrs().size() < ALWAYS_HASHED_BYTES;
                if (small && smallHashed >= MAX_SMALL_HASHED) {
                    entries.add(new DiskEntry(f.inside(), DiskEntry.Type.FILE, f.attrs().size(), Optional.empty()));
                    unhashed++;
                    continue;
                }
                entries.add(entry(f.inside(), f.path(), f.attrs(), budget));
                if (small) {
                    smallHashed++;
                }
            } catch (IOException e) {
                complete[0] = false;
            }
        }
        entries.sort(Comparator.comparing(DiskEntry::path));
        return new Listing(entries, complete[0], unhashed);
    }

    /** An entry seen by the walk, before its content is read. */
    private record Found(String inside, Path path, BasicFileAttributes attrs) {}

    private DiskEntry entry(String inside, Path p, BasicFileAttributes attrs) throws IOException {
        return entry(inside, p, attrs, new long[] {HASH_BUDGET});
    }

    /** As above, charging the bytes hashed to {@code budget}; past it, a file's hash is left out (an incomplete read). */
    private DiskEntry entry(String inside, Path p, BasicFileAttributes attrs, long[] budget) throws IOException {
        if (attrs.isSymbolicLink()) {
            return new DiskEntry(inside, DiskEntry.Type.SYMLINK, Files.readSymbolicLink(p).toString().length(), Optional.empty());
        }
        if (attrs.isDirectory()) {
            return new DiskEntry(inside, DiskEntry.Type.DIRECTORY, attrs.size(), Optional.empty());
        }
        if (!attrs.isRegularFile()) {
            return new DiskEntry(inside, DiskEntry.Type.OTHER, attrs.size(), Optional.empty());
        }
        for (CopyOnWriteLayers volume : copyOnWrite) {
            Optional<Path> lower = volume.relative(inside).flatMap(volume::unwrittenLower);
            if (lower.isPresent() && Files.size(lower.get()) == attrs.size()) {
                // Never written: its bytes are the volume directory's, whose hash this process knows.
                return new DiskEntry(inside, DiskEntry.Type.FILE, attrs.size(), Optional.of(CopyOnWriteLayers.lowerHash(lower.get(), OutsideDisk::hash)));
            }
        }
        if (attrs.size() > budget[0]) {
            throw new IOException("over the hashing budget");
        }
        budget[0] -= attrs.size();
        MessageDigest sha = sha256();
        long size = 0;
        // NOFOLLOW: if the last component became a link after all, the open fails instead of following it.
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                size += n;
            }
        }
        return new DiskEntry(inside, DiskEntry.Type.FILE, size, Optional.of(HexFormat.of().formatHex(sha.digest())));
    }

    private static String hash(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
