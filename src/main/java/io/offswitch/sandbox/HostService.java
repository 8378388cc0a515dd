package io.offswitch.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * A real server program a world's host runs, listening on a TCP port of that host's network address.
 * The world starts it before the agent's first command and declares its port reachable; every other
 * port of every host is closed to the rest of the world.
 */
public sealed interface HostService {
    /** The TCP port it listens on inside the host. */
    int port();

    /**
     * OpenSSH's sshd, with its own host keys and configuration, running as the host's own user: ssh,
     * scp, sftp (its internal server) and rsync over ssh (rsync is installed on every machine) work. Only
     * public-key logins are accepted, for {@code user}, which must be the host's user.
     *
     * @param authorizedKeys public key lines as in authorized_keys ("ssh-ed25519 AAAA... comment"), held
     *                       read-only outside the user's reach
     * @param userKeys       whether sshd also honours the user's own {@code ~/.ssh/authorized_keys}, as a
     *                       stock sshd does (a machine whose user may hand out access, e.g. a lab machine)
     */
    record Ssh(int port, String user, List<String> authorizedKeys, boolean userKeys) implements HostService {
        /** Logins with the given keys only. */
        public Ssh(int port, String user, List<String> authorizedKeys) {
            this(port, user, authorizedKeys, false);
        }

        public Ssh {
            checkPort(port);
            authorizedKeys = List.copyOf(authorizedKeys);
            for (String key : authorizedKeys) {
                if (key.isBlank() || key.contains("\n") || key.contains("\r") || !key.matches("(ssh|ecdsa|sk)-[^ ]+ [A-Za-z0-9+/=]+( .*)?")) {
                    throw new IllegalArgumentException("ssh service on port " + port + ": not a public key line: '" + key + "'");
                }
            }
        }
    }

    /**
     * An HTTP server accepting uploads into {@code uploadDir}: {@code PUT /any/path} stores the body at
     * that path below it, {@code POST} with multipart/form-data stores each file part under its file
     * name. With a bearer token, requests without {@code Authorization: Bearer TOKEN} get 401. The
     * directory must lie in the host's home (its disk, bounded by the host's disk limit).
     *
     * @param gateRules with an upload gateway in front (a channel filter's), its rules as JSON: each
     *                  upload is decided by them before it is stored (see http-upload-server.py)
     */
    record HttpUpload(int port, String uploadDir, Optional<String> bearerToken, Optional<String> gateRules) implements HostService {
        public HttpUpload(int port, String uploadDir, Optional<String> bearerToken) {
            this(port, uploadDir, bearerToken, Optional.empty());
        }

        /** This service with an upload gateway of these rules in front of its store. */
        public HttpUpload gated(String rulesJson) {
            return new HttpUpload(port, uploadDir, bearerToken, Optional.of(rulesJson));
        }

        public HttpUpload {
            gateRules = gateRules == null ? Optional.empty() : gateRules;
            checkPort(port);
            if (!uploadDir.startsWith("/home/") || uploadDir.contains("..") || uploadDir.endsWith("/") || uploadDir.contains("//")
                    || uploadDir.chars().anyMatch(c -> c < 0x20 || c == '\'' || c == '"' || c == '\\')) {
                throw new IllegalArgumentException("upload service on port " + port + ": the upload directory must be a plain absolute path in the host's home, got '"
                        + uploadDir + "'");
            }
            bearerToken.ifPresent(t -> {
                if (!t.matches("[A-Za-z0-9._~+/=-]{8,200}")) {
                    throw new IllegalArgumentException("upload service on port " + port + ": a bearer token is 8 to 200 characters of [A-Za-z0-9._~+/=-]");
                }
            });
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
    }
}
