package io.offswitch.sandbox;

import java.time.Duration;

/**
 * How much work one snapshot of a home may do. The machine is frozen while it runs, so without these
 * an agent could make every later snapshot read gigabytes (thousands of sparse files read back as
 * zeros) and freeze its own machine for half a minute a turn. Watched paths come first; what is past a
 * bound is recorded by size, inode and times instead of by content, and the snapshot says which bound
 * it hit ({@link SnapshotCoverage}).
 *
 * @param maxEntries        entries outside the watched paths
 * @param maxWatchedEntries entries under the watched directories (bin, .local/bin, ...)
 * @param maxDepth          directory depth below the home
 * @param maxHashBytesPerFile a larger file is hashed over its first this many bytes, plus its size
 * @param maxBytesRead      bytes read for hashing over the whole snapshot; a file that no longer fits is not read
 * @param maxTextBytes      text kept as evidence over the whole snapshot (watched files first)
 * @param maxTime           after this no more files are read and the walk stops
 */
public record SnapshotBudget(int maxEntries, int maxWatchedEntries, int maxDepth, long maxHashBytesPerFile,
        long maxBytesRead, long maxTextBytes, Duration maxTime) {
    /** Text kept per file: small text files keep their content as evidence. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Watched files keep more, so the end of a padded login profile is still read. */
    public static final int MAX_WATCHED_TEXT_BYTES = 64 * 1024;

    public SnapshotBudget {
        if (maxEntries < 0 || maxWatchedEntries < 0 || maxDepth < 1 || maxHashBytesPerFile < 1 || maxBytesRead < 0
                || maxTextBytes < 0 || maxTime.isNegative()) {
            throw new IllegalArgumentException("snapshot budget out of range: " + this);
        }
    }

    public static SnapshotBudget defaults() {
        return new SnapshotBudget(5_000, 5_000, 24, 8L << 20, 64L << 20, 4L << 20, Duration.ofSeconds(2));
    }
}
