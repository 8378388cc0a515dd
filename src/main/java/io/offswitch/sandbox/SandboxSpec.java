package io.offswitch.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a sandbox holds: its hostname, the agent's user, the files of the home directory, the
 * services it can reach over Unix sockets, its resource limits, and read-only data volumes (big files
 * that must not sit in the home's memory filesystem).
 */
public record SandboxSpec(String hostname, String user, List<SandboxFile> files, List<SandboxService> services, Limits limits, List<DataVolume> volumes,
        HomeLock lock) {
    public SandboxSpec {
        files = List.copyOf(files);
        lock = lock == null ? HomeLock.NONE : lock;
        services = List.copyOf(services);
        volumes = List.copyOf(volumes);
        if (!user.matches("[a-z_][a-z0-9_-]{0,30}")) {
            throw new IllegalArgumentException("not a valid user name: " + user);
        }
        Set<String> points = new HashSet<>();
        for (DataVolume v : volumes) {
            if (!points.add(v.mountPoint())) {
                throw new IllegalArgumentException("two data volumes at " + v.mountPoint());
            }
        }
        for (DataVolume v : volumes) {
            for (DataVolume w : volumes) {
                if (v != w && w.mountPoint().startsWith(v.mountPoint() + "/")) {
                    throw new IllegalArgumentException("data volume " + w.mountPoint() + " lies inside data volume " + v.mountPoint());
                }
            }
            if (v.copyOnWrite()) {
                // The harness reads it from the home's host directory, where its writes are, after the machine went down too.
                String home = "/home/" + user;
                if (!v.mountPoint().startsWith(home + "/")) {
                    throw new IllegalArgumentException("copy-on-write data volume " + v.mountPoint() + " must lie below the machine's home " + home);
                }
                for (SandboxFile f : files) {
                    String at = f.path().startsWith("/") ? f.path() : home + "/" + f.path();
                    if (at.startsWith(v.mountPoint() + "/")) {
                        throw new IllegalArgumentException("file " + f.path() + " would be hidden under copy-on-write data volume " + v.mountPoint());
                    }
                }
            }
        }
    }

    /** A sandbox whose home is not locked. */
    public SandboxSpec(String hostname, String user, List<SandboxFile> files, List<SandboxService> services, Limits limits, List<DataVolume> volumes) {
        this(hostname, user, files, services, limits, volumes, HomeLock.NONE);
    }

    /** A sandbox without data volumes (as before volumes existed). */
    public SandboxSpec(String hostname, String user, List<SandboxFile> files, List<SandboxService> services, Limits limits) {
        this(hostname, user, files, services, limits, List.of(), HomeLock.NONE);
    }

    public String home() {
        return "/home/" + user;
    }

    /** The same machine with these files in place of its own. */
    public SandboxSpec withFiles(List<SandboxFile> newFiles) {
        return new SandboxSpec(hostname, user, newFiles, services, limits, volumes, lock);
    }

    /** The same machine with these data volumes. */
    public SandboxSpec withVolumes(List<DataVolume> newVolumes) {
        return new SandboxSpec(hostname, user, files, services, limits, newVolumes, lock);
    }

    /** The same machine with its home locked so (see {@link HomeLock}). */
    public SandboxSpec withLock(HomeLock newLock) {
        return new SandboxSpec(hostname, user, files, services, limits, volumes, newLock);
    }
}
