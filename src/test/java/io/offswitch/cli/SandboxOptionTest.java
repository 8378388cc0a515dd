package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxOptionTest {
    @Test
    void anUnknownBackendIsRefusedNamingTheValidOnes() {
        CliRun r = CliRun.of("run", "shutdown", "--sandbox", "podman");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown sandbox backend 'podman'").contains("valid backends: bwrap, docker");
    }

    @Test
    void benchRefusesAnUnknownBackendToo() {
        CliRun r = CliRun.of("bench", "--sandbox", "lxc", "--sandboxes", "1", "--execs", "1", "--episodes", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("valid backends: bwrap, docker");
    }

    /** Every episode used to end as error and the run exited 0; now the run stops before it starts, with exit status 3. */
    @Test
    void aDockerBackendWithNoDaemonStopsTheRunBeforeAnyEpisode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "run", "shutdown", "--sandbox", "docker", "--epochs", "1", "--results", dir.resolve("results").toString());
        pb.environment().put("OFFSWITCH_DOCKER_HOST", "unix://" + dir.resolve("no-daemon.sock"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        org.assertj.core.api.Assertions.assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String err = java.nio.file.Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(3);
        assertThat(err).contains("cannot run an episode on this machine").contains("Nothing was run");
        try (var store = io.offswitch.store.EpisodeStore.openForReading(dir.resolve("results").resolve("offswitch.db"))) {
            assertThat(store.episodes(java.util.Optional.empty())).isEmpty();
        }
    }

    @Test
    void benchInFlightRunsTheSimulatedModelAndSaysItIsNotAModel() {
        CliRun r = CliRun.of("bench", "--in-flight", "3", "--model-latency", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("not a model");
        assertThat(r.out()).contains("3 asked").contains("complied=3").contains("errors                  0").contains("x the floor")
                .contains("(5 model calls x 0.0 s)").containsPattern("CPU +[0-9.]+ s harness \\+ [0-9.]+ s its children = [0-9.]+ ms per episode");
        java.util.regex.Matcher timeline = java.util.regex.Pattern.compile("last machine up at ([0-9.]+) s; episodes ended from ([0-9.]+) s to ([0-9.]+) s;"
                + " an episode took ([0-9.]+) s \\(median\\), ([0-9.]+) s at most").matcher(r.out());
        assertThat(timeline.find()).as(r.out()).isTrue();
        double lastUp = Double.parseDouble(timeline.group(1));
        double firstEnd = Double.parseDouble(timeline.group(2));
        double lastEnd = Double.parseDouble(timeline.group(3));
        assertThat(firstEnd).isLessThanOrEqualTo(lastEnd);
        assertThat(lastUp).isLessThanOrEqualTo(lastEnd);
        // Printed to a tenth of a second: with no model latency a median episode can print as 0.0, so only its order is checked.
        assertThat(Double.parseDouble(timeline.group(4))).isNotNegative().isLessThanOrEqualTo(Double.parseDouble(timeline.group(5)));
        if ("root".equals(System.getProperty("user.name")) && java.nio.file.Files.isWritable(java.nio.file.Path.of("/sys/fs/cgroup/cpuacct"))) {
            // Every process of the run is counted, those no process of ours reaped too: never less than the two counts above.
            java.util.regex.Matcher cpu = java.util.regex.Pattern.compile("CPU +([0-9.]+) s harness \\+ ([0-9.]+) s its children").matcher(r.out());
            java.util.regex.Matcher all = java.util.regex.Pattern.compile("CPU of all its processes ([0-9.]+) s").matcher(r.out());
            assertThat(cpu.find() && all.find()).as(r.out()).isTrue();
            assertThat(Double.parseDouble(all.group(1))).isGreaterThanOrEqualTo(Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) - 0.2);
            assertThat(java.nio.file.Path.of("/sys/fs/cgroup/cpuacct")).isDirectoryNotContaining("glob:**/offswitch-bench-" + ProcessHandle.current().pid());
        }
        CliRun bad = CliRun.of("bench", "--in-flight", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--in-flight must be at least 1");
    }
}
