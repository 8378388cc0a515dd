package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary directory for one probe, with the mounts made inside it. Closing unmounts each mount by
 * its exact path (newest first) and deletes the directory; if an unmount fails the directory is left
 * alone rather than deleting through a live mount.
 */
final class Scratch implements AutoCloseable {
    static final String PREFIX = "offswitch-doctor-";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Deque<Path> mounts = new ArrayDeque<>();

    Scratch() throws IOException {
        this.dir = Files.createTempDirectory(PREFIX);
    }

    Path dir() {
        return dir;
    }

    Path mkdir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** Runs {@code mount -t TYPE -o OPTIONS TYPE TARGET}; remembers TARGET for unmounting if it worked. */
    Commands.Result mount(String type, String options, Path target) {
        var r = Commands.run(List.of("mount", "-t", type, "-o", options, type, target.toString()), TIMEOUT);
        if (r.succeeded()) {
            mounts.push(target);
        }
        return r;
    }

    @Override
    public void close() {
        boolean allUnmounted = true;
        while (!mounts.isEmpty()) {
            String target = mounts.pop().toString();
            if (!Commands.run(List.of("umount", target), TIMEOUT).succeeded()
                    && !Commands.run(List.of("umount", "-l", target), TIMEOUT).succeeded()) {
                allUnmounted = false;
            }
        }
        if (allUnmounted) {
            deleteTree();
        }
    }

    private void deleteTree() {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: a leftover empty temp dir is harmless, and Doctor.cleanupHint() names it.
        }
    }
}
