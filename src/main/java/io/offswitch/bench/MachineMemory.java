package io.offswitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the machine's memory in use (MemTotal - MemAvailable) every 100 ms and keeps the peak. */
final class MachineMemory implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("bench-memory").daemon(true).unstarted(r));

    MachineMemory() {
        timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(usedBytes(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    }

    long peakBytes() {
        return Math.max(peak.get(), usedBytes());
    }

    static long usedBytes() {
        long total = -1;
        long available = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kib(line);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return total < 0 || available < 0 ? -1 : (total - available) * 1024;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
