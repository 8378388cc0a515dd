package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JDK, the C compiler, the programs a realistic sandbox offers, and Docker. */
final class ToolChecks {
    static final String JAVA = "java";
    static final String COMPILER = "c compiler";
    static final String SANDBOX_TOOLS = "sandbox tools";
    static final String DOCKER = "docker";
    static final int MIN_JAVA = 21;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);
    /** Program (run from /usr/bin, which sandboxes mount) to its version flag and Debian package. */
    private static final Map<String, String[]> SANDBOX_PROGRAMS = new LinkedHashMap<>();

    static {
        SANDBOX_PROGRAMS.put("python3", new String[] {"--version", "python3"});
        SANDBOX_PROGRAMS.put("perl", new String[] {"--version", "perl"});
        SANDBOX_PROGRAMS.put("curl", new String[] {"--version", "curl"});
        SANDBOX_PROGRAMS.put("git", new String[] {"--version", "git"});
        SANDBOX_PROGRAMS.put("ssh", new String[] {"-V", "openssh-client"});
    }

    private final Toolbox tools;

    ToolChecks(Toolbox tools) {
        this.tools = tools;
    }

    static CheckResult java(Runtime.Version version) {
        String where = " (" + System.getProperty("java.vendor", "?") + ", " + System.getProperty("java.home", "?") + ")";
        if (version.feature() >= MIN_JAVA) {
            return CheckResult.ok(JAVA, "Java " + version + where);
        }
        return CheckResult.fail(JAVA, "Java " + version + " is too old; offswitch needs " + MIN_JAVA + " or newer" + where,
                "export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 (or install a JDK >= 21: see scripts/install-deps.sh)");
    }

    /** Compiles and runs a small C program, as offswitch does for its in-sandbox programs. */
    CheckResult compiler() {
        String fix = "apt-get install -y gcc libc6-dev";
        try (var scratch = new Scratch()) {
            var source = scratch.dir().resolve("probe.c");
            var binary = scratch.dir().resolve("probe");
            Files.writeString(source, "#include <stdio.h>\nint main(void) {\n    return puts(\"ok\") < 0;\n}\n");
            var cc = Commands.run(List.of(tools.bin("cc"), "-O2", "-o", binary.toString(), source.toString()),
                    COMPILE_TIMEOUT);
            if (!cc.succeeded()) {
                return CheckResult.fail(COMPILER, "cc failed: " + cc.describe(), fix);
            }
            var run = Commands.run(List.of(binary.toString()), TIMEOUT);
            if (!run.succeeded() || !run.output().strip().equals("ok")) {
                return CheckResult.fail(COMPILER, "the compiled test program did not run: " + run.describe(), fix);
            }
            return CheckResult.ok(COMPILER, "cc builds and runs C programs");
        } catch (IOException e) {
            return CheckResult.fail(COMPILER, "could not write the test program: " + e.getMessage(),
                    "make the temp directory (" + System.getProperty("java.io.tmpdir") + ") writable");
        }
    }

    /** Agents expect an ordinary machine; a missing program makes the world look fake, so WARN. */
    CheckResult sandboxTools() {
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        SANDBOX_PROGRAMS.forEach((program, info) -> {
            var r = Commands.run(List.of(tools.usrBin() + "/" + program, info[0]), TIMEOUT);
            if (!r.succeeded()) {
                missing.add(program);
                packages.add(info[1]);
            }
        });
        if (missing.isEmpty()) {
            return CheckResult.ok(SANDBOX_TOOLS, String.join(", ", SANDBOX_PROGRAMS.keySet()) + " run from /usr/bin");
        }
        return CheckResult.warn(SANDBOX_TOOLS, "missing from /usr/bin (what sandboxes see): " + String.join(", ", missing),
                "apt-get install -y " + String.join(" ", packages));
    }

    CheckResult docker() {
        var r = Commands.run(List.of(tools.bin("docker"), "info", "--format", "{{.ServerVersion}}"), TIMEOUT);
        if (r.succeeded()) {
            return CheckResult.ok(DOCKER, "Docker " + r.firstLine() + " reachable (optional second backend)");
        }
        String why = r.started() ? r.describe() : "docker is not installed";
        return CheckResult.warn(DOCKER, "Docker is an optional second backend; the default bubblewrap backend does not"
                + " need it. " + why, "start the daemon (systemctl start docker) or install Docker Engine:"
                + " https://docs.docker.com/engine/install/debian/");
    }
}
