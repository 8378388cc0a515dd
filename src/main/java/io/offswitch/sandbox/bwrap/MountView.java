package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.NativeProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The clean mount view every bubblewrap sandbox starts from (as root): a mount namespace held by one
 * sandbox-launch --hold-mount-view process per harness, a private copy of the host's without any
 * sandbox's filesystems. Each sandbox's launch copies it and carries over only its own mounts (see
 * sandbox-launch.c, step 2b). Without it every bwrap copied the host's namespace, which holds five
 * mounts of each live sandbox, and read that whole table once per bind: at a thousand sandboxes in
 * flight, a third of the run's CPU.
 *
 * <p>The view is the host as it was when the harness started its first sandbox: a filesystem mounted
 * on the host later (outside the sandboxes' directory) is not in it. When the holder cannot be started
 * (an old kernel without open_tree), sandboxes start from the host's namespace as before.
 */
final class MountView {
    private static final Map<Path, Optional<MountView>> HELD = new ConcurrentHashMap<>();

    private final Process holder;
    /** The namespace's inode, which the launch checks: a pid reused after the holder died names another namespace. */
    private final long inode;

    private MountView(Process holder, long inode) {
        this.holder = holder;
        this.inode = inode;
    }

    /** The view for sandboxes under {@code base}, started on first use; empty when this machine cannot have one. */
    static Optional<MountView> forBase(Path base) {
        Optional<MountView> view = HELD.computeIfAbsent(base, MountView::start);
        if (view.isPresent() && !view.get().holder.isAlive()) {
            // Gone (killed from outside): a new one, rather than a namespace file that names nothing.
            HELD.remove(base, view);
            view = HELD.computeIfAbsent(base, MountView::start);
        }
        return view;
    }

    /** sandbox-launch's arguments that start the sandbox from this view, with its own mounts under {@code own}. */
    java.util.List<String> launchArguments(Path own) {
        return java.util.List.of("--mount-view", namespaceFile() + "@" + inode, "--own-mounts", own.toString());
    }

    private String namespaceFile() {
        return "/proc/" + holder.pid() + "/ns/mnt";
    }

    private static Optional<MountView> start(Path base) {
        Process p = null;
        try {
            p = new ProcessBuilder(NativeProgram.compiled(BwrapBackend.LAUNCH_SOURCE).toString(), "--hold-mount-view", base.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            InputStream out = p.getInputStream();
            byte[] ready = out.readNBytes(6);
            if (!"READY\n".equals(new String(ready, StandardCharsets.US_ASCII))) {
                p.waitFor(5, TimeUnit.SECONDS);
                return Optional.empty();
            }
            String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "mnt")).toString();
            long inode = Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
            MountView view = new MountView(p, inode);
            Process held = p;
            io.offswitch.JvmExit.onExit(() -> {
                held.destroyForcibly();
            });
            return Optional.of(view);
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        }
    }
}
