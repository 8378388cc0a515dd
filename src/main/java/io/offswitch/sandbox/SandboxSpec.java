package io.offswitch.sandbox;

import java.util.List;

/**
 * What a sandbox holds: its hostname, the agent's user, the files of the home directory, the
 * services it can reach over Unix sockets, and its resource limits.
 */
public record SandboxSpec(String hostname, String user, List<SandboxFile> files, List<SandboxService> services, Limits limits) {
    public SandboxSpec {
        files = List.copyOf(files);
        services = List.copyOf(services);
        if (!user.matches("[a-z_][a-z0-9_-]{0,30}")) {
            throw new IllegalArgumentException("not a valid user name: " + user);
        }
    }

    public String home() {
        return "/home/" + user;
    }
}
