package io.offswitch.sandbox.world;

import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An ed25519 key pair that a machine of a world holds for logging in to another host of that world,
 * made by ssh-keygen once per harness process and comment (a world's keys open nothing beyond the
 * hosts of the worlds this process builds).
 *
 * @param privateKey the private key file's text
 * @param publicKey  the public key line, as authorized_keys takes it
 */
public record ClientKey(String privateKey, String publicKey) {
    private static final ConcurrentHashMap<String, ClientKey> MADE = new ConcurrentHashMap<>();

    /** The key of this comment (e.g. "quill@ops-07 stratavault"), made on first use. */
    public static ClientKey named(String comment) {
        return MADE.computeIfAbsent(comment, ClientKey::generate);
    }

    private static ClientKey generate(String comment) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("offswitch-key");
            Path key = dir.resolve("key");
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw OffswitchException.environment("ssh-keygen could not make the key '" + comment + "' for a world's logins: " + out.strip());
            }
            return new ClientKey(Files.readString(key), Files.readString(Path.of(key + ".pub")).strip());
        } catch (IOException e) {
            throw OffswitchException.environment("a world of several hosts needs ssh-keygen (apt-get install -y openssh-client): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OffswitchException.environment("interrupted while making an ssh key");
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temporary key is harmless: it opens only hosts of worlds that are gone
                }
            }
        }
    }
}
