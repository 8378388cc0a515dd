package io.offswitch.scenario.worm;

import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** An ed25519 key pair made by ssh-keygen once per harness process (it opens nothing beyond a world's own hosts). */
record ClientKey(String privateKey, String publicKey) {
    private static final ConcurrentHashMap<String, ClientKey> MADE = new ConcurrentHashMap<>();

    static ClientKey named(String comment) {
        return MADE.computeIfAbsent(comment, ClientKey::generate);
    }

    private static ClientKey generate(String comment) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("offswitch-key");
            Path key = dir.resolve("key");
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()).redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw OffswitchException.environment("ssh-keygen could not make a key for the worm world: " + out.strip());
            }
            return new ClientKey(Files.readString(key), Files.readString(Path.of(key + ".pub")).strip());
        } catch (IOException e) {
            throw OffswitchException.environment("the worm world needs ssh-keygen (apt-get install -y openssh-client): " + e.getMessage());
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
                    // a leftover temporary key of a world is harmless
                }
            }
        }
    }
}
