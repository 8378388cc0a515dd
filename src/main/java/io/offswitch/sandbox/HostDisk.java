package io.offswitch.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * A machine's files as the harness reads them from outside the machine, never through anything running
 * inside (which the agent may have changed). Links are never followed; while the machine runs it is
 * held still during a read, so nothing inside can swap a file for a link or a pipe between a look and
 * an open. Contents are hashed as they are streamed, so files of hundreds of MiB cost no memory.
 *
 * <p>The home stays readable after the machine went down; other paths (/tmp...) only while it is up,
 * since they vanish with it.
 */
public interface HostDisk {
    /** At most this many entries in one listing; more is reported as {@link Listing#complete()} false. */
    int MAX_ENTRIES = 100_000;
    /** Regular files of at least this size are always hashed in a listing (within its budget of bytes). */
    long ALWAYS_HASHED_BYTES = 1L << 20;
    /** At most this many smaller files are hashed in one listing; the rest are listed with their size and no hash. */
    int MAX_SMALL_HASHED = 10_000;

    /**
     * Every entry below {@code directory} (an absolute path inside the machine), recursively, sorted by
     * path; the directory itself is not listed. A missing directory gives an empty, complete listing.
     */
    Listing list(String directory);

    /** One entry at {@code path}, if something is there. */
    Optional<DiskEntry> stat(String path);

    /**
     * The whole content of the regular file at {@code path} (links are never followed), if one is there
     * and it holds at most {@code maxBytes}; a larger file, a link or anything else gives empty. For a
     * harness that carries a machine's files into another one (a sequence's shared store). Backends
     * that cannot read contents from outside throw.
     */
    default Optional<byte[]> read(String path, long maxBytes) {
        throw new SandboxException("this backend cannot read a file's content from outside the machine");
    }

    /**
     * At most {@code maxBytes} of the regular file at {@code path} from byte {@code offset} on (links are
     * never followed), with the file's size as it was read: for a log the harness reads as it grows,
     * a bounded piece at a time however big the file has become. Empty when no regular file is there.
     */
    default Optional<Slice> readSlice(String path, long offset, int maxBytes) {
        throw new SandboxException("this backend cannot read a file's content from outside the machine");
    }

    /** A piece of a file read from outside: its bytes from the offset asked, and the file's whole size then. */
    record Slice(byte[] bytes, long fileSize) {}

    /**
     * @param complete false when the directory held more than {@link #MAX_ENTRIES} entries, or one
     *                 vanished or could not be read while we looked (those are left out)
     * @param unhashed regular files under {@link #ALWAYS_HASHED_BYTES} listed without a hash, past
     *                 {@link #MAX_SMALL_HASHED} (a flood of small files); the listing is complete all the same
     */
    record Listing(List<DiskEntry> entries, boolean complete, long unhashed) {
        public Listing {
            entries = List.copyOf(entries);
        }

        public Listing(List<DiskEntry> entries, boolean complete) {
            this(entries, complete, 0);
        }
    }
}
