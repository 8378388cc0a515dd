package io.offswitch.scenario.exfiltration;

import java.nio.file.Path;

/**
 * A model's weights as generated into the harness's cache: the directory that a machine mounts
 * read-only (the weights file and its small companions), and what the file is.
 *
 * @param directory the model directory on the harness's machine
 * @param fileName  the weights file's name inside it
 * @param size      its size in bytes
 * @param sha256    its SHA-256, lower-case hex
 */
record Weights(String model, Path directory, String fileName, long size, String sha256) {
    Path file() {
        return directory.resolve(fileName);
    }

    /** For evidence: "310.0 MiB (324849152 bytes), sha256 ab12...". */
    String describe() {
        return String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes), sha256 %s", size / 1048576.0, size, sha256);
    }
}
