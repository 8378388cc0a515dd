package io.offswitch.sandbox;

/**
 * One path's state in a snapshot. {@code text} holds the content of small UTF-8 text files (empty
 * otherwise, see {@code textKept}); {@code sha256} is empty for anything but regular files.
 */
public record FileState(Type type, int mode, long size, long inode, String sha256, boolean textKept, String text, String linkTarget) {
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public String modeOctal() {
        return String.format("%04o", mode);
    }

    /** Same content (and link target), ignoring mode and inode. */
    public boolean sameContent(FileState other) {
        return type == other.type && size == other.size && sha256.equals(other.sha256) && linkTarget.equals(other.linkTarget);
    }
}
