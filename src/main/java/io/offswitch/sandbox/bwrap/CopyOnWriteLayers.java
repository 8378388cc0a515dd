package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layers of one copy-on-write volume, as the harness reads them to tell whether a file of the
 * volume still holds the volume directory's own bytes. A file whose bytes were never written lives in
 * the lower layer alone (no upper entry, or an upper entry that overlayfs marked metadata-only and
 * did not redirect), under no renamed directory. Its hash is then the lower file's, read once per
 * process: only root writes the volume's directory. This spares every reading of the machine's disk a
 * hash of hundreds of MiB it already knows.
 *
 * <p>Nothing inside can fake the marks: overlayfs refuses its own trusted.overlay.* attributes to
 * anyone writing through it, and the agent has no capabilities to set trusted attributes at all.
 *
 * @param mountPoint where the volume appears inside the machine
 * @param upper      the upper layer on the harness's side
 * @param lower      the volume's directory (the lower layer) on the harness's side
 */
record CopyOnWriteLayers(String mountPoint, Path upper, Path lower) {
    private static final ConcurrentHashMap<String, String> LOWER_HASHES = new ConcurrentHashMap<>();

    /** The relative path of {@code inside} in the volume, if it lies there. */
    Optional<String> relative(String inside) {
        return inside.startsWith(mountPoint + "/") ? Optional.of(inside.substring(mountPoint.length() + 1)) : Optional.empty();
    }

    /**
     * The lower file whose bytes the volume's file at {@code relative} still has, if it has never been
     * written, renamed or moved; empty when its bytes must be read where they are.
     */
    Optional<Path> unwrittenLower(String relative) {
        String[] parts = relative.split("/");
        Path up = upper;
        for (int i = 0; i < parts.length - 1; i++) {
            up = up.resolve(parts[i]);
            if (Files.exists(up, LinkOption.NOFOLLOW_LINKS) && Mounts.hasXattr(up, "trusted.overlay.redirect")) {
                return Optional.empty();
            }
        }
        Path file = upper.resolve(relative);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Mounts.hasXattr(file, "trusted.overlay.metacopy")
                    || Mounts.hasXattr(file, "trusted.overlay.redirect")) {
                return Optional.empty();
            }
        }
        Path lowerFile = lower.resolve(relative);
        return Files.isRegularFile(lowerFile, LinkOption.NOFOLLOW_LINKS) ? Optional.of(lowerFile) : Optional.empty();
    }

    /** The lower file's hash, computed once per process (keyed by its identity and times, in case root ever remade it). */
    static String lowerHash(Path lowerFile, HashFunction hash) throws IOException {
        BasicFileAttributes a = Files.readAttributes(lowerFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime = Files.getAttribute(lowerFile, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        String key = lowerFile + "\0" + a.fileKey() + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis() + "\0" + ctime;
        String known = LOWER_HASHES.get(key);
        if (known == null) {
            known = hash.of(lowerFile);
            LOWER_HASHES.put(key, known);
        }
        return known;
    }

    interface HashFunction {
        String of(Path file) throws IOException;
    }
}
