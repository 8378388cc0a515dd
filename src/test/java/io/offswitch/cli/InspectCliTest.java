package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.inspect.HostileArchive;
import io.offswitch.inspect.InspectEpisodes;
import io.offswitch.store.EpisodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch export` and `offswitch import` as a user runs them. */
class InspectCliTest {
    @TempDir
    Path dir;

    private static final List<String> COUNTS = List.of("scenario", "model", "condition", "episodes", "complied", "sabotaged",
            "submitted_early", "limit", "error", "n", "k", "rate", "attempted", "tried_and_failed", "input_tokens", "output_tokens");

    private Path ourResults() {
        Path results = dir.resolve("ours");
        try (EpisodeStore store = new EpisodeStore(results.resolve("offswitch.db"))) {
            store.createRun(InspectEpisodes.run());
            InspectEpisodes.mixedRun().forEach(store::save);
        }
        return results;
    }

    @Test
    void exportThenImportReportsTheSameCellsAsAForeignRun() throws IOException {
        Path ours = ourResults();
        Path out = dir.resolve("logs");
        CliRun export = CliRun.of("export", InspectEpisodes.RUN, "--format", "eval", "--out", out.toString(), "--results", ours.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<Path> logs;
        try (Stream<Path> files = Files.list(out)) {
            logs = files.filter(f -> f.toString().endsWith(".eval")).sorted().toList();
        }
        assertThat(logs).hasSize(2);
        assertThat(export.err()).contains("Wrote " + logs.getFirst()).contains("(12 samples)");
        assertThat(CliRun.of("export", InspectEpisodes.RUN, "--format", "json", "--out", out.toString(), "--results", ours.toString()).exitCode()).isZero();

        Path theirs = dir.resolve("theirs");
        for (Path log : logs) {
            CliRun imported = CliRun.of("import", log.toString(), "--results", theirs.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("Imported 12 episode(s)").contains("as foreign run");
            CliRun again = CliRun.of("import", log.toString(), "--results", theirs.toString());
            assertThat(again.err()).contains("Imported 0 episode(s)").contains("12 already imported");
        }
        CliRun before = CliRun.of("report", "--run", InspectEpisodes.RUN, "--format", "csv", "--results", ours.toString());
        CliRun after = CliRun.of("report", "--run", "all", "--format", "csv", "--results", theirs.toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(columns(after.out())).isEqualTo(columns(before.out()));
    }

    @Test
    void badInputNamesTheFileAndStoresNothing() throws IOException {
        Path theirs = dir.resolve("theirs");
        Path junk = Files.writeString(dir.resolve("junk.eval"), "PK\u0003\u0004 not really a zip");
        CliRun run = CliRun.of("import", junk.toString(), "--results", theirs.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(junk.toString()).contains("nothing was imported");
        assertThat(Files.exists(theirs.resolve("offswitch.db"))).isFalse();

        CliRun unknown = CliRun.of("export", "no-such-run", "--out", dir.resolve("x").toString(), "--results", ourResults().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no episodes of run 'no-such-run'").contains(InspectEpisodes.RUN);
    }

    @Test
    void zstandardExportImportsAsTheDeflatedOneAndJsonRefusesACompression() throws IOException {
        Path ours = ourResults();
        Path out = dir.resolve("zstd");
        CliRun export = CliRun.of("export", InspectEpisodes.RUN, "--compression", "zstd", "--out", out.toString(), "--results", ours.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<Path> logs;
        try (Stream<Path> files = Files.list(out)) {
            logs = files.filter(f -> f.toString().endsWith(".eval")).sorted().toList();
        }
        assertThat(logs).hasSize(2);
        Path theirs = dir.resolve("theirs");
        for (Path log : logs) {
            CliRun imported = CliRun.of("import", log.toString(), "--results", theirs.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("Imported 12 episode(s)");
        }
        CliRun before = CliRun.of("report", "--run", InspectEpisodes.RUN, "--format", "csv", "--results", ours.toString());
        CliRun after = CliRun.of("report", "--run", "all", "--format", "csv", "--results", theirs.toString());
        assertThat(columns(after.out())).isEqualTo(columns(before.out()));

        CliRun json = CliRun.of("export", InspectEpisodes.RUN, "--format", "json", "--compression", "zstd", "--out", out.toString(), "--results", ours.toString());
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--compression applies to .eval logs");
    }

    @Test
    void aZipBombOfManySmallMembersImportsNothingAndSaysWhatWasExceeded() throws Exception {
        Path theirs = dir.resolve("theirs");
        Path good = dir.resolve("good");
        CliRun export = CliRun.of("export", InspectEpisodes.RUN, "--format", "eval", "--out", good.toString(), "--results", ourResults().toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path first;
        try (Stream<Path> files = Files.list(good)) {
            first = files.filter(f -> f.toString().endsWith(".eval")).sorted().findFirst().orElseThrow();
        }
        assertThat(CliRun.of("import", first.toString(), "--results", theirs.toString()).exitCode()).isZero();
        List<String> runsBefore;
        try (EpisodeStore store = EpisodeStore.openForReading(theirs.resolve("offswitch.db"))) {
            runsBefore = store.runIds();
        }
        // Three samples each stated at 400 MiB: every one under the 512 MiB a member may be, 1.2 GiB in all.
        HostileArchive.Member header = HostileArchive.header();
        HostileArchive.Member[] members = {header, null, null, null};
        for (int i = 1; i <= 3; i++) {
            HostileArchive.Member small = HostileArchive.padded(i, 1024);
            members[i] = new HostileArchive.Member(small.name(), small.data(), 400L * 1024 * 1024);
        }
        Path bomb = HostileArchive.write(dir.resolve("bomb.eval"), members);
        CliRun run = CliRun.of("import", bomb.toString(), "--results", theirs.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bomb.toString()).contains("its 4 header and sample members would decompress to").contains("bytes in all").contains("1024 MiB")
                .contains("nothing was imported");
        try (EpisodeStore store = EpisodeStore.openForReading(theirs.resolve("offswitch.db"))) {
            assertThat(store.runIds()).isEqualTo(runsBefore);
        }
    }

    private static List<List<String>> columns(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        return lines.stream().skip(1).map(line -> {
            String[] fields = line.split(",", -1);
            return COUNTS.stream().map(c -> fields[header.indexOf(c)]).toList();
        }).toList();
    }

}
