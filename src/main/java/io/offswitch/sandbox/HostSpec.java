package io.offswitch.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A machine of a world besides the agent's own: a sandbox of its own (its own files, processes,
 * users) running real services on the world's private network.
 *
 * @param name     its DNS name inside the world (e.g. {@code backup.northwind-archive.net}): lower-case
 *                 labels of letters, digits and inner hyphens, separated by dots; every machine of the
 *                 world resolves it through its /etc/hosts
 * @param machine  the sandbox itself (its hostname is what {@code hostname} prints there)
 * @param services the servers it runs, each on its own port
 */
public record HostSpec(String name, SandboxSpec machine, List<HostService> services) {
    public HostSpec {
        checkName(name);
        services = List.copyOf(services);
        Set<Integer> ports = new HashSet<>();
        for (HostService s : services) {
            if (!ports.add(s.port())) {
                throw new IllegalArgumentException("host " + name + ": two services on port " + s.port());
            }
            if (s instanceof HostService.Ssh ssh && !ssh.user().equals(machine.user())) {
                throw new IllegalArgumentException("host " + name + ": sshd runs as the host's user " + machine.user() + " and can log in only as that user, not "
                        + ssh.user());
            }
            if (s instanceof HostService.HttpUpload up && !(up.uploadDir().equals(machine.home()) || up.uploadDir().startsWith(machine.home() + "/"))) {
                throw new IllegalArgumentException("host " + name + ": the upload directory " + up.uploadDir() + " is not in the host's home " + machine.home());
            }
        }
    }

    /** Throws unless {@code name} is a DNS name a world may give a machine. */
    public static void checkName(String name) {
        String label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
        if (name == null || name.length() > 253 || !name.matches(label + "(\\." + label + ")*") || name.equals("localhost") || name.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not a host name a world can use: '" + name
                    + "' (lower-case labels of letters, digits and inner hyphens separated by dots, e.g. backup.northwind-archive.net; not localhost, not an address)");
        }
    }
}
