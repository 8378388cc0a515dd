package io.offswitch.sandbox.docker;

import io.offswitch.Hashes;
import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The image every Docker sandbox starts from: only the empty directories that mounts land on and the
 * host's top-level links (/bin to usr/bin and the like), imported from a tar. No registry is needed;
 * the tag names a hash of the layout, so it is built once per daemon and rebuilt only if the layout
 * changes.
 */
final class BaseImage {
    /**
     * Directories and their modes. Docker gives a tmpfs the mode of the image's directory beneath it,
     * whatever --tmpfs asks for, so /tmp must be sticky and world-writable here.
     */
    static final List<String> DIRECTORIES = List.of("usr 755", "etc 755", "proc 755", "dev 755", "sys 755", "tmp 1777", "var 755",
            "var/tmp 1777", "run 755", "home 755", "root 700", "opt 755", "srv 755", "mnt 755");
    static final List<String> TOP_LEVEL = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final ConcurrentHashMap<String, String> READY = new ConcurrentHashMap<>();

    private BaseImage() {}

    /** The entries of the skeleton: a directory is "d name", a link "l name target". */
    static List<String> layout() {
        List<String> entries = new ArrayList<>();
        DIRECTORIES.forEach(d -> entries.add("d " + d));
        entries.add("l var/run ../run");
        for (String top : TOP_LEVEL) {
            Path host = Path.of("/", top);
            if (Files.isSymbolicLink(host)) {
                entries.add("l " + top + " usr/" + top);
            } else if (Files.isDirectory(host)) {
                entries.add("d " + top + " 755");
            }
        }
        return entries;
    }

    static String tag() {
        return "offswitch-base:" + Hashes.sha256(String.join("\n", layout()).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    /** The tag of the base image on this daemon, imported first if the daemon does not have it. */
    static String ensure(DockerCli docker) {
        return READY.computeIfAbsent(docker.host(), h -> build(docker));
    }

    private static String build(DockerCli docker) {
        String tag = tag();
        if (docker.run(30, "image", "inspect", "--format", "{{.Id}}", tag).exitCode() == 0) {
            return tag;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("offswitch-base");
            Path root = Files.createDirectory(dir.resolve("root"));
            for (String entry : layout()) {
                String[] f = entry.split(" ");
                if (f[0].equals("d")) {
                    Files.createDirectories(root.resolve(f[1]));
                    run(List.of("chmod", f[2], root.resolve(f[1]).toString()));
                } else {
                    Files.createSymbolicLink(root.resolve(f[1]), Path.of(f[2]));
                }
            }
            Path tar = dir.resolve("base.tar");
            run(List.of("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", root.toString(), "-cf", tar.toString(), "."));
            DockerCli.Result imported = docker.run(120, "import", tar.toString(), tag);
            if (imported.exitCode() != 0) {
                throw new SandboxException("could not import the Docker base image " + tag + ": " + imported.output()
                        + "\nIs dockerd running at " + docker.host() + "?");
            }
            return tag;
        } catch (IOException e) {
            throw new SandboxException("could not build the Docker base image: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while building the Docker base image", e);
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new SandboxException("could not build the Docker base image: `" + String.join(" ", cmd) + "` failed: " + log);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind; harmless.
        }
    }
}
