package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.WorldSpec;
import io.offswitch.sandbox.world.NetworkedWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The directory of one world of several hosts, next to the sandbox directories and named like them
 * (so the stale-sandbox machinery treats it as one),
 * with the harness recorded as its owner: the world's router process names it on its command line,
 * so when a harness dies without closing its world, the stale-sandbox cleanup (at the next start or
 * `offswitch doctor --cleanup`) kills that process by it, and the router namespace goes with it.
 */
public final class WorldDirectory {
    private WorldDirectory() {}

    /** Makes a world directory and starts the world in it; the directory is removed when the world closes. */
    public static NetworkedWorld startWorld(WorldSpec spec, NetworkedWorld.Machines machines) {
        StaleSandboxes.removeOnceAtStart();
        Path root = SandboxDirectory.base().resolve(UUID.randomUUID().toString().substring(0, 12));
        try {
            Files.createDirectories(SandboxDirectory.base());
            Files.createDirectory(root);
            SandboxDirectory.setMode(root, "rwx------");
            SandboxOwner.current().writeTo(root);
        } catch (IOException e) {
            throw new SandboxException("cannot make the world directory " + root + ": " + e.getMessage(), e);
        }
        return NetworkedWorld.start(spec, root, () -> remove(root), machines);
    }

    /** Removes a world directory without following links; the owner file last (see {@link SandboxDirectory#close}). */
    static void remove(Path root) {
        Path owner = root.resolve(SandboxOwner.FILE);
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(owner) && !p.equals(root)).forEach(WorldDirectory::deleteQuietly);
        } catch (IOException e) {
            // Reported by `offswitch doctor` if it stays.
        }
        deleteQuietly(owner);
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Reported by `offswitch doctor` if it stays.
        }
    }
}
