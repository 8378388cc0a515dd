package io.offswitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The harness process's peak resident memory (VmHWM), as the kernel counts it. */
final class PeakMemory {
    private PeakMemory() {}

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux or no procfs: report unknown.
        }
        return -1;
    }
}
