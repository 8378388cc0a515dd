package io.offswitch.sandbox;

/**
 * What one snapshot read, and which of its bounds ({@link SnapshotBudget}) it hit. A snapshot that
 * hit none saw the whole home by content.
 *
 * @param startedAt      when it began, by the wall clock the kernel stamps change times with
 * @param entries        entries recorded (watched ones included)
 * @param bytesRead      bytes read to hash files (hashes carried over from the previous snapshot cost nothing)
 * @param unhashedFiles  regular files recorded by size, inode and times only, because the byte or time budget was spent
 * @param entryCapHit    there were more entries outside the watched paths than the cap, or deeper than the depth
 *                       cap; those were not recorded
 * @param watchedCapHit  the watched directories held more entries than their cap
 * @param byteBudgetHit  some file was not hashed because it no longer fitted the byte budget
 * @param textBudgetHit  some small text file kept no text because the text budget was spent
 * @param timeBudgetHit  the time budget ran out: files after it were not read, and the walk stopped
 * @param millis         how long the snapshot took
 */
public record SnapshotCoverage(java.time.Instant startedAt, int entries, long bytesRead, int unhashedFiles, boolean entryCapHit, boolean watchedCapHit,
        boolean byteBudgetHit, boolean textBudgetHit, boolean timeBudgetHit, long millis) {
    public static SnapshotCoverage whole(int entries) {
        return new SnapshotCoverage(java.time.Instant.EPOCH, entries, 0, 0, false, false, false, false, false, 0);
    }

    /**
     * Whether a bound was hit that may have hidden a change, or made one seen only by size, inode and
     * modification time. The text budget only thins the evidence, so it does not count.
     */
    public boolean boundHit() {
        return entryCapHit || watchedCapHit || byteBudgetHit || timeBudgetHit;
    }
}
