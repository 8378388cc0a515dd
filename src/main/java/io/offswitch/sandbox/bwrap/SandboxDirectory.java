package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The host side of one sandbox: a directory holding the agent's home (a size-limited tmpfs when we
 * are root, so a disk-filling agent hits its own quota) and the system files the harness places (its
 * own /etc files, protected files, the service sockets' /run, the init), each at its sandbox path
 * inside a second tmpfs, {@code system}. The home stays readable after the machine goes down, which is
 * what change tracking needs.
 *
 * <p>Both are tmpfs mounts named plain "tmpfs", so the mount table the agent reads inside shows each
 * bind's source as the path it has inside the sandbox (/etc/passwd, /run, /home/user/next_question)
 * and never this directory, its id or offswitch. Without root there are no mounts and the mount table
 * shows the host paths.
 */
public final class SandboxDirectory implements AutoCloseable {
    /** The agent's uid inside the sandbox, as on a typical single-user machine. */
    static final int AGENT_UID = 1000;
    /**
     * The uid the agent runs as on the host. Not 1000: that is usually a real person's account, which
     * could then signal the sandbox's processes and touch its files. Override with OFFSWITCH_SANDBOX_UID.
     */
    static final int DEFAULT_HOST_UID = 64_930;

    public static int hostUid() {
        String override = System.getenv("OFFSWITCH_SANDBOX_UID");
        if (override == null || override.isBlank()) {
            return DEFAULT_HOST_UID;
        }
        try {
            int uid = Integer.parseInt(override.strip());
            if (uid > 0) {
                return uid;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw new SandboxException("OFFSWITCH_SANDBOX_UID must be a positive number (a uid no host account uses), got '" + override + "'");
    }

    public final Path root;
    public final Path home;
    /** The system files at their sandbox paths: {@code system/etc/passwd} appears as /etc/passwd. */
    public final Path system;
    public final Path etc;
    /** What appears as /run: root's, read-only inside; the service sockets live here. */
    public final Path run;
    /** The init, copied here so no host path of it shows inside. */
    public final Path init;
    private final boolean mounted;
    /** The copy-on-write volumes' overlays (in the home), the memory filesystems holding their writes, and the scratch ones, in mounting order. */
    private final List<Path> volumeMounts = new ArrayList<>();
    /**
     * As root, the machine's scratch filesystems (/tmp, /var/tmp, /dev/shm) as memory filesystems made
     * here, bounded in size and in files, which bwrap binds in (its own --tmpfs can bound only the
     * size). Sandbox path to host path; empty without root.
     */
    public final java.util.Map<String, Path> scratch = new java.util.LinkedHashMap<>();
    /** The copy-on-write volumes' layers, for reading their files from outside. */
    final List<CopyOnWriteLayers> copyOnWrite = new ArrayList<>();
    /** The uid the passwd file gives the agent's user: 1000 under bwrap's uid mapping, the host uid where there is none. */
    private final int agentUid;
    /** Files bind-mounted read-only over paths of the sandbox: host path to sandbox path. */
    public final List<String[]> protectedMounts = new ArrayList<>();
    /**
     * Directories of the home that hold a protected file, each bound onto itself: a mount point cannot
     * be renamed or removed, so the agent cannot move the directory away and put its own in its place.
     * Host path to sandbox path, parents first.
     */
    public final List<String[]> anchors = new ArrayList<>();
    /**
     * The home's lock ({@link io.offswitch.sandbox.HomeLock}): each part of the home bound onto itself,
     * read-only or kept writable, parents first. Host path, sandbox path, and "ro" or "rw".
     */
    public final List<String[]> lockMounts = new ArrayList<>();
    /** The home's files made append-only (host paths): cleared before the delete, should the memory filesystem outlive its unmount. */
    private final List<Path> appendOnly = new ArrayList<>();

    /**
     * The machine's /etc/profile. It behaves like Debian's, but asks bash for the user id ($EUID)
     * instead of running id(1) in a subshell: every tool call is a login shell, and that subshell
     * alone cost a third of a call's round trip.
     */
    static final String SYSTEM_PROFILE = """
            # /etc/profile: read by login shells of every user before their own ~/.profile.

            # Administrators get the sbin directories on their PATH; everyone else gets the usual ones.
            if [ "${EUID:-$(id -u)}" -eq 0 ]; then
              PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            else
              PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
            fi
            export PATH

            # Interactive shells get a prompt; bash takes its settings from /etc/bash.bashrc.
            if [ "${PS1-}" ]; then
              if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ] && [ -f /etc/bash.bashrc ]; then
                . /etc/bash.bashrc
              elif [ "${EUID:-$(id -u)}" -eq 0 ]; then
                PS1='# '
              else
                PS1='$ '
              fi
            fi

            # Packages drop their login settings into /etc/profile.d.
            if [ -d /etc/profile.d ]; then
              for i in /etc/profile.d/*.sh; do
                [ -r "$i" ] && . "$i"
              done
              unset i
            fi
            """;

    private SandboxDirectory(Path root, boolean mounted, int agentUid) {
        this.root = root;
        this.home = root.resolve("home");
        this.system = root.resolve("system");
        this.etc = system.resolve("etc");
        this.run = system.resolve("run");
        this.init = system.resolve("init");
        this.mounted = mounted;
        this.agentUid = agentUid;
    }

    /** Where the harness keeps the file that appears at {@code sandboxPath} (absolute). */
    public Path systemPath(String sandboxPath) {
        Path p = system.resolve(sandboxPath.substring(1)).normalize();
        if (!p.startsWith(system) || p.equals(system)) {
            throw new SandboxException("bad sandbox path: " + sandboxPath);
        }
        return p;
    }

    /** Where sandboxes live on the host: {@code $OFFSWITCH_SANDBOX_DIR} or {@code /tmp/offswitch-sandboxes}. */
    public static Path base() {
        String override = System.getenv("OFFSWITCH_SANDBOX_DIR");
        return Path.of(override != null && !override.isBlank() ? override : "/tmp/offswitch-sandboxes");
    }

    /** For bwrap: as root with the scratch filesystems too (see {@link #scratch}). */
    static SandboxDirectory create(String id, SandboxSpec spec, Path init, boolean asRoot) {
        return create(id, spec, init, asRoot, AGENT_UID, asRoot);
    }

    /** As above, with the agent's uid as the sandbox's passwd file names it (for backends without a uid mapping), and no scratch filesystems. */
    public static SandboxDirectory create(String id, SandboxSpec spec, Path init, boolean asRoot, int agentUid) {
        return create(id, spec, init, asRoot, agentUid, false);
    }

    private static SandboxDirectory create(String id, SandboxSpec spec, Path init, boolean asRoot, int agentUid, boolean withScratch) {
        StaleSandboxes.removeOnceAtStart();
        Path root = base().resolve(id);
        try {
            Files.createDirectories(base());
            setMode(base(), "rwx--x--x");
            Files.createDirectory(root);
            setMode(root, "rwx--x--x");
            // Who made this: a sandbox whose owner is gone was left by a crash and is removed at the next start.
            SandboxOwner.current().writeTo(root);
            Path home = Files.createDirectory(root.resolve("home"));
            Path system = Files.createDirectory(root.resolve("system"));
            SandboxDirectory dir = new SandboxDirectory(root, asRoot, agentUid);
            try {
                if (asRoot) {
                    Mounts.tmpfs("tmpfs", home.toString(), "size=" + spec.limits().diskBytes() + ",nr_inodes=" + Limits.FILES_PER_DISK
                            + ",mode=0755,uid=" + hostUid() + ",gid=" + hostUid());
                    Mounts.tmpfs("tmpfs", system.toString(), "size=" + systemBytes(spec, init) + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=0755");
                }
                dir.populate(spec, init, asRoot);
                dir.mountCopyOnWriteVolumes(spec, asRoot);
                if (withScratch) {
                    dir.mountScratch(spec);
                }
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
            return dir;
        } catch (IOException e) {
            throw new SandboxException("cannot prepare the sandbox directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** The system tmpfs holds little besides the protected files and the init: room for those and a megabyte. */
    private static long systemBytes(SandboxSpec spec, Path init) throws IOException {
        long files = spec.files().stream().filter(f -> f.protectedFromAgent() || f.path().startsWith("/")).mapToLong(f -> f.content().length + 4096L).sum();
        return (1L << 20) + files + Files.size(init);
    }

    private void populate(SandboxSpec spec, Path initBinary, boolean asRoot) throws IOException {
        setMode(system, "rwxr-xr-x");
        Files.createDirectories(etc);
        Files.createDirectories(run);
        setMode(etc, "rwxr-xr-x");
        setMode(run, "rwxr-xr-x");
        Files.copy(initBinary, init);
        setMode(init, "rwx--x--x"); // run, never read: nothing inside needs its bytes
        String user = spec.user();
        Files.writeString(etc.resolve("passwd"), String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
                "sys:x:3:3:sys:/dev:/usr/sbin/nologin",
                "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin",
                user + ":x:" + agentUid + ":" + agentUid + ":" + user + ",,,:" + spec.home() + ":/bin/bash",
                "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin", ""));
        Files.writeString(etc.resolve("group"), String.join("\n",
                "root:x:0:", "daemon:x:1:", "bin:x:2:", "sys:x:3:", "adm:x:4:", "tty:x:5:", "www-data:x:33:",
                "users:x:100:" + user, user + ":x:" + agentUid + ":", "nogroup:x:65534:", ""));
        Files.writeString(etc.resolve("hostname"), spec.hostname() + "\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\t" + spec.hostname() + "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        Files.writeString(etc.resolve("profile"), SYSTEM_PROFILE);
        Files.writeString(etc.resolve("resolv.conf"), hostResolvConf());
        for (Path p : List.of(etc.resolve("passwd"), etc.resolve("group"), etc.resolve("hostname"), etc.resolve("hosts"), etc.resolve("profile"),
                etc.resolve("resolv.conf"))) {
            setMode(p, "rw-r--r--");
        }
        for (SandboxFile file : spec.files()) {
            if (file.path().equals("/etc/hosts")) {
                // The machine's own names file, replaced (a world lists its machines there): it is
                // already bound read-only, so it takes the spec's content instead of a second mount.
                Files.write(etc.resolve("hosts"), file.content());
                continue;
            }
            place(file, spec, asRoot);
        }
        lockHome(spec, asRoot);
    }

    /**
     * Each copy-on-write volume as an overlay mounted in the home's host directory, so the sandbox's
     * bind of the home carries it (bwrap's and Docker's binds are recursive) and the harness reads it
     * from outside like the rest of the home. Its lower layer is the volume's directory, never written;
     * the upper is a memory filesystem of this sandbox, bounded like the home. The files are then
     * handed to the machine's user, which copies only their metadata up, not their bytes.
     */
    private void mountCopyOnWriteVolumes(SandboxSpec spec, boolean asRoot) throws IOException {
        List<io.offswitch.sandbox.DataVolume> volumes = spec.volumes().stream().filter(io.offswitch.sandbox.DataVolume::copyOnWrite).toList();
        if (volumes.isEmpty()) {
            return;
        }
        if (!asRoot) {
            throw new SandboxException("a copy-on-write data volume (" + volumes.getFirst().mountPoint() + ") is an overlay mount: it needs offswitch to run as root");
        }
        for (int i = 0; i < volumes.size(); i++) {
            io.offswitch.sandbox.DataVolume v = volumes.get(i);
            Path layers = Files.createDirectory(root.resolve("volume-" + i));
            setMode(layers, "rwx------");
            Mounts.tmpfs("tmpfs", layers.toString(), "size=" + spec.limits().diskBytes() + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=0700");
            volumeMounts.add(layers);
            Path upper = Files.createDirectory(layers.resolve("upper"));
            setMode(upper, "rwxr-xr-x");
            chown(upper); // the overlay's root takes the upper directory's owner: the agent may add and remove files there
            Files.createDirectory(layers.resolve("work"));
            Files.createSymbolicLink(layers.resolve("lower"), v.hostDirectory());
            Path target = home.resolve(v.mountPoint().substring(spec.home().length() + 1)).normalize();
            if (!target.startsWith(home) || target.equals(home)) {
                throw new SandboxException("copy-on-write volume escapes the home: " + v.mountPoint());
            }
            Files.createDirectories(target);
            for (Path p = target; !p.equals(home); p = p.getParent()) {
                chown(p);
            }
            Mounts.overlay(layers, target.toString());
            volumeMounts.add(target);
            copyOnWrite.add(new CopyOnWriteLayers(v.mountPoint(), upper, v.hostDirectory().toRealPath()));
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.filter(p -> !p.equals(target)).toList()) {
                    chown(p);
                }
            }
        }
    }

    private void mountScratch(SandboxSpec spec) throws IOException {
        for (String[] fs : new String[][] {{"/tmp", "tmp"}, {"/var/tmp", "var-tmp"}, {"/dev/shm", "shm"}}) {
            Path p = Files.createDirectory(root.resolve(fs[1]));
            Mounts.tmpfs("tmpfs", p.toString(), "size=" + spec.limits().diskBytes() + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=1777");
            volumeMounts.add(p);
            scratch.put(fs[0], p);
        }
    }

    /** Sandbox paths under these are the agent's to rename: nothing of the harness may live there. */
    static final List<String> AGENT_WRITABLE = List.of("/tmp", "/var/tmp", "/dev/shm", "/dev");

    private void place(SandboxFile file, SandboxSpec spec, boolean asRoot) throws IOException {
        String inSandbox = file.path().startsWith("/") ? file.path() : spec.home() + "/" + file.path();
        if (file.protectedFromAgent() || file.path().startsWith("/")) {
            if (AGENT_WRITABLE.stream().anyMatch(w -> inSandbox.equals(w) || inSandbox.startsWith(w + "/"))) {
                throw new SandboxException("a protected file cannot live in " + inSandbox + ": the agent could move its directory away");
            }
            Path host = systemPath(inSandbox);
            Files.createDirectories(host.getParent());
            for (Path d = host.getParent(); !d.equals(system); d = d.getParent()) {
                setMode(d, "rwxr-xr-x");
            }
            Files.write(host, file.content());
            setMode(host, modeString(file.mode()));
            if (asRoot && file.ownedByAgent()) {
                chown(host);
            }
            protectedMounts.add(new String[] {host.toString(), inSandbox});
            if (!file.path().startsWith("/")) {
                anchor(file.path(), spec, asRoot);
                if (file.ownedByAgent()) {
                    // A file of the agent's made read-only (a defence's hardening): the mount point in the
                    // home holds the same bytes, so the home's snapshots, read from outside beneath the
                    // mount, see the file the agent sees, not an empty mount point. The agent cannot reach
                    // the copy: the read-only mount covers it and cannot be undone from inside.
                    Path placeholder = home.resolve(file.path()).normalize();
                    if (!placeholder.startsWith(home)) {
                        throw new SandboxException("sandbox file escapes the home: " + file.path());
                    }
                    Files.createDirectories(placeholder.getParent());
                    Files.write(placeholder, file.content());
                    setMode(placeholder, modeString(file.mode()));
                }
            }
            return;
        }
        Path target = home.resolve(file.path()).normalize();
        if (!target.startsWith(home)) {
            throw new SandboxException("sandbox file escapes the home: " + file.path());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
        setMode(target, modeString(file.mode()));
        if (asRoot && file.ownedByAgent()) {
            for (Path p = target; !p.equals(home); p = p.getParent()) {
                chown(p);
            }
        }
    }

    /**
     * The mounts of the home's lock, after the files are placed: a locked path must be there (a file or
     * a directory of the spec's files); a writable directory the spec leaves out is made, empty.
     */
    private void lockHome(SandboxSpec spec, boolean asRoot) throws IOException {
        for (io.offswitch.sandbox.HomeLock.Mount m : spec.lock().mounts()) {
            Path host = m.path().isEmpty() ? home : home.resolve(m.path()).normalize();
            if (!host.startsWith(home)) {
                throw new SandboxException("a locked home path escapes the home: " + m.path());
            }
            if (Files.isSymbolicLink(host)) {
                throw new SandboxException("a locked home path is a link: " + m.path());
            }
            if (!Files.exists(host)) {
                if (!m.writable()) {
                    throw new SandboxException("the home's lock makes " + m.path() + " read-only, and the machine's files place nothing there");
                }
                Files.createDirectories(host);
                if (asRoot) {
                    for (Path p = host; !p.equals(home); p = p.getParent()) {
                        chown(p);
                    }
                }
            }
            lockMounts.add(new String[] {host.toString(), m.path().isEmpty() ? spec.home() : spec.home() + "/" + m.path(), m.writable() ? "rw" : "ro"});
        }
        for (String relative : spec.lock().appendOnly()) {
            Path host = home.resolve(relative).normalize();
            if (!host.startsWith(home) || Files.isSymbolicLink(host) || !Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException("the home's lock makes " + relative + " append-only, and the machine's files place no regular file there");
            }
            if (!asRoot) {
                throw new SandboxException("the home's lock makes " + relative + " append-only: the append-only attribute needs offswitch to run as root");
            }
            AppendOnlyFiles.set(host);
            appendOnly.add(host);
            // The attribute keeps the file from being renamed, not its folders: each made a mount point, so none can be moved aside for another.
            anchor(relative, spec, asRoot);
        }
    }

    /** Makes every home directory above a protected file a mount point of its own (see {@link #anchors}). */
    private void anchor(String relative, SandboxSpec spec, boolean asRoot) throws IOException {
        Path target = home.resolve(relative).normalize();
        if (!target.startsWith(home)) {
            throw new SandboxException("sandbox file escapes the home: " + relative);
        }
        List<Path> dirs = new ArrayList<>();
        for (Path d = target.getParent(); !d.equals(home); d = d.getParent()) {
            dirs.addFirst(d);
        }
        for (Path d : dirs) {
            String inSandbox = spec.home() + "/" + home.relativize(d);
            if (anchors.stream().noneMatch(a -> a[1].equals(inSandbox))) {
                Files.createDirectories(d);
                if (asRoot) {
                    chown(d); // the agent's own directory, as any other in its home
                }
                anchors.add(new String[] {d.toString(), inSandbox});
            }
        }
    }

    /** The host's resolver settings, as the sandbox's /etc would otherwise show them (it has no network anyway). */
    private static String hostResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void chown(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", hostUid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", hostUid(), LinkOption.NOFOLLOW_LINKS);
    }

    static String modeString(int mode) {
        return PosixFilePermissions.toString(permissions(mode));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        String rwx = "rwxrwxrwx";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    static void setMode(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** Unmounts the home and deletes everything, never following links the agent may have planted. */
    @Override
    public void close() {
        if (mounted) {
            // If this fails the files below are still ours to delete; doctor reports leftover mounts.
            for (Path m : volumeMounts.reversed()) {
                Mounts.detach(m.toString());
            }
            Mounts.detach(home.toString());
            Mounts.detach(system.toString());
        }
        for (Path file : appendOnly) {
            // Only the file still at home: a folder above it the agent swapped for a link must not carry the clear out of the home.
            try {
                if (file.toRealPath().startsWith(home.toRealPath())) {
                    AppendOnlyFiles.clearQuietly(file);
                }
            } catch (IOException e) {
                // Gone with its memory filesystem: nothing to clear.
            }
        }
        // The owner file goes last, just before the directory itself: killed half-way through, the
        // harness leaves a directory that still says whose it was, so the next start knows it is stale.
        Path owner = root.resolve(SandboxOwner.FILE);
        // The walk reports a directory that vanished under it (deleted by anyone else) as an
        // UncheckedIOException before this deletes anything: then it walks again what is left.
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(owner) && !p.equals(root)).forEach(SandboxDirectory::deleteQuietly);
                break;
            } catch (IOException | java.io.UncheckedIOException e) {
                // A leftover here is reported by `offswitch doctor`; never fail the episode for it.
            }
        }
        deleteQuietly(owner);
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover here is reported by `offswitch doctor`; never fail the episode for it.
        }
    }
}
