package io.offswitch.sandbox;

import java.util.Optional;

/**
 * One entry of a machine's disk, read by the harness from outside the machine.
 *
 * @param path   its absolute path inside the machine
 * @param type   what it is; links are never followed
 * @param size   its size in bytes (of a link: the length of its target)
 * @param sha256 the lower-case hex SHA-256 of a regular file's content; empty for anything else
 */
public record DiskEntry(String path, Type type, long size, Optional<String> sha256) {
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }
}
