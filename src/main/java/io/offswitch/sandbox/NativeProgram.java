package io.offswitch.sandbox;

import io.offswitch.OffswitchException;
import io.offswitch.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Small C programs that run inside sandboxes (the sandbox's init, a scenario's question program).
 * They ship as C source in the jar and are compiled once per machine with the system C compiler into
 * a cache keyed by the source hash, so an edited source is rebuilt and a stale binary is never used.
 */
public final class NativeProgram {
    private static final ConcurrentHashMap<String, Path> BUILT = new ConcurrentHashMap<>();

    private NativeProgram() {}

    /**
     * The path of the compiled program for a C source on the classpath (e.g.
     * {@code /io/offswitch/sandbox/bwrap/sandbox-init.c}), building it if needed. Programs are
     * linked dynamically: sandboxes mount the host's /usr, so the same libc is there, and a small
     * binary is cheap to copy into each sandbox.
     */
    public static Path compiled(String resource) {
        return compiled(resource, List.of());
    }

    /**
     * The same, built with extra compiler flags (e.g. {@code -static} for a program that must not load
     * code chosen by the agent's environment); the flags are part of the cache key.
     */
    public static Path compiled(String resource, List<String> flags) {
        return BUILT.computeIfAbsent(resource + "\0" + String.join(" ", flags), k -> build(resource, flags));
    }

    /**
     * Where compiled programs are cached: {@code $OFFSWITCH_CACHE}, else {@code /var/cache/offswitch}
     * for root (the sandbox's unprivileged user must be able to reach the binaries, and root's home is
     * closed to it), else {@code ~/.cache/offswitch}.
     */
    public static Path cacheDir() {
        String override = System.getenv("OFFSWITCH_CACHE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache/offswitch");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "offswitch");
    }

    private static Path build(String resource, List<String> flags) {
        byte[] source = read(resource);
        String name = resource.substring(resource.lastIndexOf('/') + 1).replaceFirst("\\.c$", "");
        String key = flags.isEmpty() ? Hashes.sha256(source) : Hashes.sha256(new String(source, StandardCharsets.UTF_8) + "\0" + String.join(" ", flags));
        Path binary = cacheDir().resolve("native").resolve(name + "-" + key.substring(0, 16));
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(binary.getParent());
            for (Path d = binary.getParent(); d != null && d.startsWith(cacheDir()); d = d.getParent()) {
                Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path dir = Files.createTempDirectory(binary.getParent(), name + ".build");
            Path src = dir.resolve(name + ".c");
            Path out = dir.resolve(name);
            Files.write(src, source);
            List<String> cmd = new java.util.ArrayList<>(List.of(compiler(), "-O2"));
            cmd.addAll(flags);
            cmd.addAll(List.of("-o", out.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw OffswitchException.environment("could not compile " + resource + " with " + cmd.getFirst() + ":\n" + log
                        + "\nInstall a C compiler and libc headers: apt-get install -y gcc libc6-dev");
            }
            // Atomic rename: concurrent builders (other processes) race harmlessly to the same content.
            Files.move(out, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(src);
            Files.deleteIfExists(dir);
            return binary;
        } catch (IOException e) {
            throw OffswitchException.environment("could not build " + resource + " into " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while compiling " + resource, e);
        }
    }

    private static String compiler() {
        for (String candidate : List.of("cc", "gcc", "clang")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, candidate))) {
                    return Path.of(dir, candidate).toString();
                }
            }
        }
        throw OffswitchException.environment("no C compiler found (cc, gcc or clang); offswitch compiles its small in-sandbox programs once."
                + " Install one: apt-get install -y gcc libc6-dev");
    }

    private static byte[] read(String resource) {
        try (InputStream in = NativeProgram.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }
}
