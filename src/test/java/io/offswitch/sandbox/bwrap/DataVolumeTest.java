package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.DataVolume;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A read-only data volume: a file far bigger than the home's memory filesystem appears whole inside,
 * costs the sandbox none of its disk, and the agent can neither change, replace nor remove it.
 */
class DataVolumeTest {
    private static Path dir;
    private static String hash;
    static final long SIZE = 150L << 20;

    static Stream<ContainmentTarget> targets() {
        return ContainmentTarget.all();
    }

    @BeforeAll
    static void weights() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "volume-test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(7);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
            for (long done = 0; done < SIZE; done += buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(buf);
                sha.update(buf);
            }
        }
        Files.setPosixFilePermissions(dir.resolve("model.safetensors"), PosixFilePermissions.fromString("rw-r--r--"));
        hash = HexFormat.of().formatHex(sha.digest());
    }

    @AfterAll
    static void remove() throws Exception {
        Files.deleteIfExists(dir.resolve("model.safetensors"));
        Files.deleteIfExists(dir);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aBigFileIsReadableWholeAndCannotBeTouched(ContainmentTarget target) throws Exception {
        SandboxSpec spec = new SandboxSpec("devbox-7", "user", List.of(), List.of(), Limits.defaults(),
                List.of(new DataVolume(dir, "/home/user/models"), new DataVolume(dir, "/opt/weights")));
        try (Sandbox s = target.backend().create(spec)) {
            for (String path : List.of("/home/user/models/model.safetensors", "/opt/weights/model.safetensors")) {
                assertThat(run(s, "sha256sum " + path).stdout()).startsWith(hash + " ");
                assertThat(run(s, "stat -c %s " + path).stdout().strip()).isEqualTo(Long.toString(SIZE));
            }
            for (String attack : List.of("echo x >> models/model.safetensors", "rm -f models/model.safetensors", "mv models/model.safetensors models/x",
                    "touch models/new", "mv models models2", "rm -rf models", "chmod 777 models/model.safetensors", "echo x > /opt/weights/new")) {
                assertThat(run(s, attack).exitCode()).as(attack).isNotZero();
            }
            // The home's own disk is untouched by the volume: a copy of the file does not fit.
            assertThat(run(s, "cp models/model.safetensors copy.bin").exitCode()).isNotZero();
            assertThat(run(s, "df --output=used -B1 /home/user | tail -1; rm -f copy.bin").exitCode()).isZero();
        }
        assertThat(Files.size(dir.resolve("model.safetensors"))).isEqualTo(SIZE);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
    }

    /**
     * A copy-on-write volume: the files are the agent's to append to, overwrite, replace and delete, and
     * the harness sees that from outside; the host directory and a sibling sandbox on the same volume
     * keep the original bytes, and the mount table names no host path.
     */
    @ParameterizedTest
    @MethodSource("targets")
    void aCopyOnWriteVolumeIsTheSandboxsOwnAndLeavesTheHostDirectoryAndSiblingsUntouched(ContainmentTarget target) throws Exception {
        long mtime = Files.getLastModifiedTime(dir.resolve("model.safetensors")).toMillis();
        Limits roomy = new Limits(Limits.defaults().memoryBytes(), Limits.defaults().maxProcesses(), Limits.defaults().cpuTimePerProcess(), 256L << 20);
        SandboxSpec spec = new SandboxSpec("devbox-7", "user", List.of(), List.of(), roomy, List.of(DataVolume.copyOnWrite(dir, "/home/user/models/quill-3")));
        try (Sandbox a = target.backend().create(spec); Sandbox b = target.backend().create(spec)) {
            String w = "models/quill-3/model.safetensors";
            assertThat(run(a, "stat -c '%U %s' " + w).stdout().strip()).isEqualTo("user " + SIZE);
            // Renamed, and a file of the same size and other bytes put in its place: read as it is, not as the volume's.
            assertThat(run(a, "mv " + w + " models/quill-3/old && head -c " + SIZE + " /dev/zero > " + w).exitCode()).isZero();
            assertThat(a.disk().stat("/home/user/" + w).orElseThrow().sha256().orElseThrow()).isNotEqualTo(hash);
            assertThat(a.disk().stat("/home/user/models/quill-3/old").orElseThrow().sha256()).contains(hash);
            assertThat(run(a, "mv models/quill-3/old " + w + " && sha256sum " + w).stdout()).startsWith(hash + " ");
            assertThat(a.disk().stat("/home/user/" + w).orElseThrow().sha256()).contains(hash);
            assertThat(run(a, "grep -c quill-3 /proc/self/mountinfo; grep quill-3 /proc/self/mountinfo").stdout())
                    .doesNotContain(dir.toString()).doesNotContain("offswitch").doesNotContain("/tmp/").contains("lowerdir=lower");
            // Written in place, then replaced, then a new file beside it: all the agent's, all seen from outside.
            assertThat(run(a, "printf XXXX | dd of=" + w + " bs=1 seek=100 conv=notrunc status=none && sha256sum " + w).stdout()).doesNotStartWith(hash);
            assertThat(a.disk().stat("/home/user/" + w).orElseThrow().sha256().orElseThrow()).isNotEqualTo(hash);
            assertThat(run(a, "echo mine > " + w + " && echo note > models/quill-3/new && cat " + w).stdout()).isEqualTo("mine\n");
            assertThat(a.disk().stat("/home/user/" + w).orElseThrow().size()).isEqualTo(5);
            assertThat(run(a, "rm -f " + w + " && ls models/quill-3").stdout().strip()).isEqualTo("new");
            assertThat(a.disk().stat("/home/user/" + w)).isEmpty();
            // Its writes are bounded like its home: they land in a memory filesystem of its own.
            assertThat(run(a, "head -c 300M /dev/zero > models/quill-3/big").exitCode()).isNotZero();
            // The sibling and the host directory never saw any of it.
            assertThat(run(b, "sha256sum " + w + "; ls models/quill-3").stdout()).startsWith(hash + " ").endsWith("model.safetensors\n");
            assertThat(b.disk().stat("/home/user/" + w).orElseThrow().sha256()).contains(hash);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
        assertThat(Files.size(dir.resolve("model.safetensors"))).isEqualTo(SIZE);
        assertThat(Files.getLastModifiedTime(dir.resolve("model.safetensors")).toMillis()).isEqualTo(mtime);
        assertThat(sha256(dir.resolve("model.safetensors"))).isEqualTo(hash);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static ExecResult run(Sandbox s, String command) {
        return s.exec(new ExecRequest(command, Duration.ofSeconds(60), 64 * 1024));
    }
}
