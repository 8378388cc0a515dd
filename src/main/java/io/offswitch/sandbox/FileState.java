package io.offswitch.sandbox;

/**
 * One path's state in a snapshot. {@code text} holds the content of small UTF-8 text files (empty
 * otherwise, see {@code textKept}). {@code sha256} is the hash of a regular file's content: of all of
 * it, or of its first bytes followed by {@code +size} when it is larger than a snapshot hashes, or
 * empty when the snapshot's byte or time budget was spent before this file (and for anything that is
 * not a regular file). The times are the kernel's, in nanoseconds since the epoch: the agent can set
 * the modification time but not the change time, which is what lets a later snapshot trust an earlier
 * hash of a file whose change time has not moved.
 */
public record FileState(Type type, int mode, long size, long inode, String sha256, boolean textKept, String text, String linkTarget,
        long mtimeNanos, long ctimeNanos) {
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    /** A state without times (built by hand, or read from a record stored before times were kept). */
    public FileState(Type type, int mode, long size, long inode, String sha256, boolean textKept, String text, String linkTarget) {
        this(type, mode, size, inode, sha256, textKept, text, linkTarget, 0, 0);
    }

    public String modeOctal() {
        return String.format("%04o", mode);
    }

    /** Whether {@code sha256} covers the whole content. */
    public boolean wholeHashed() {
        return type == Type.FILE && !sha256.isEmpty() && sha256.indexOf('+') < 0;
    }

    /** The same state without its text (hash kept): for a snapshot or a record past its text budget. */
    public FileState withoutText() {
        return new FileState(type, mode, size, inode, sha256, false, "", linkTarget, mtimeNanos, ctimeNanos);
    }

    /**
     * Same content (and link target), ignoring mode. When both sides hashed the whole file the hashes
     * decide, so rewriting a file with what it held, or touching it, is no change. Otherwise (a file
     * too big or past the budget on either side) the content is the same only if the size, inode and
     * modification time are too, and the hashes agree where both have one.
     */
    public boolean sameContent(FileState other) {
        if (type != other.type || size != other.size || !linkTarget.equals(other.linkTarget)) {
            return false;
        }
        if (type != Type.FILE || (wholeHashed() && other.wholeHashed())) {
            return sha256.equals(other.sha256);
        }
        boolean hashesAgree = sha256.isEmpty() || other.sha256.isEmpty() || sha256.equals(other.sha256);
        return hashesAgree && inode == other.inode && mtimeNanos == other.mtimeNanos;
    }
}
