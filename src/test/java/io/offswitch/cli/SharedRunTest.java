package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same command started twice at once on one results folder shares the work instead of doing it twice. */
class SharedRunTest {
    @TempDir
    Path dir;

    private Process start(String name, String... store) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "run", "shutdown", "--model", "simulated/compliant", "--condition", "A", "--epochs", "30", "--concurrency", "4",
                "--results", dir.resolve("results").toString()));
        command.addAll(List.of(store));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Each episode takes over a second (4 calls of 0.3 s), so the two processes overlap however slowly either starts.
        pb.environment().put("SIMULATED_LATENCY_SECONDS", "0.3");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    @Test
    void twoProcessesRunEachEpisodeOnceBetweenThemAndBothEndWithTheWholeRun() throws Exception {
        bothShare(new io.offswitch.store.StoreLocation.SqliteFile(dir.resolve("results").resolve("offswitch.db")));
    }

    @Test
    void twoProcessesShareARunInOnePostgresStoreTheSameWay() throws Exception {
        String url = io.offswitch.store.PostgresServer.shared().newStoreUrl();
        bothShare(io.offswitch.store.StoreLocation.parse(url), "--store", url);
    }

    private void bothShare(io.offswitch.store.StoreLocation location, String... storeOption) throws Exception {
        Process first = start("first", storeOption);
        Process second = start("second", storeOption);
        assertThat(first.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String a = Files.readString(dir.resolve("first.err"));
        String b = Files.readString(dir.resolve("second.err"));
        assertThat(first.exitValue()).as(a).isZero();
        assertThat(second.exitValue()).as(b).isZero();
        List<EpisodeRecord> stored;
        try (EpisodeStore store = new EpisodeStore(location)) {
            stored = store.episodes(Optional.empty());
        }
        assertThat(stored).hasSize(30);
        // Each process says how many it ran; together exactly the plan, so nothing ran twice.
        assertThat(ranBy(a) + ranBy(b)).isEqualTo(30);
        assertThat(ranBy(a)).as("the first process did some of the work").isPositive();
        assertThat(ranBy(b)).as("the second process did some of the work").isPositive();
    }

    private static int ranBy(String stderr) {
        Matcher m = Pattern.compile("This invocation ran (\\d+) episode").matcher(stderr);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        assertThat(found).as(stderr).hasSize(1);
        return found.getFirst();
    }
}
