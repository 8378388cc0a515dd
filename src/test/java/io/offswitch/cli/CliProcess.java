package io.offswitch.cli;

import io.offswitch.model.ProviderEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real CLI in a JVM of its own, for tests whose stand-in model server must be what the CLI reads
 * from its environment (in-process, the CLI reads the machine's real one): every real provider's key
 * and base URL is removed, the stand-in's are set, sandboxes go under the test's folder, and what the
 * CLI prints is kept in files there.
 */
final class CliProcess {
    private CliProcess() {}

    /** Starts {@code offswitch ARGS}; its output goes to {@code dir/NAME.out} and {@code dir/NAME.err}. */
    static Process start(Path dir, ProviderEnvironment models, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL"));
        pb.environment().putAll(models.variables());
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString());
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    /** Runs {@code offswitch ARGS} to its end (at most five minutes, then it is killed and the test fails). */
    static CliRun run(Path dir, ProviderEnvironment models, String... args) throws IOException, InterruptedException {
        String name = "cli" + System.nanoTime();
        Process p = start(dir, models, name, List.of(args));
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("offswitch " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return new CliRun(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }
}
