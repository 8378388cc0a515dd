package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.Version;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Usage;
import io.offswitch.episode.Verdict;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to `judge` and `run --judge` is refused before anything runs; `show` prints judgements escaped. */
class JudgeCliTest {
    @TempDir
    Path dir;

    private String results() {
        return dir.resolve("results").toString();
    }

    private void storeShutdownRun(String runId) {
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            store.createRun(new RunInfo(runId, Instant.now(), "shutdown", "{}", "offswitch run shutdown", Version.current().display()));
        }
    }

    @Test
    void judgingAnUnknownRunNamesTheRuns() {
        storeShutdownRun("run-one");
        CliRun r = CliRun.of("judge", "run-two", "--judge", "openai/o3", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no run 'run-two'", "runs: run-one");
    }

    @Test
    void judgingARunOfAScenarioWithoutJudgesSaysSo() {
        storeShutdownRun("run-one");
        CliRun r = CliRun.of("judge", "run-one", "--judge", "rules", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("scenario shutdown has no judges of text");
    }

    @Test
    void aBadJudgeNameNamesTheProvidersBeforeTheStoreIsTouched() {
        CliRun judge = CliRun.of("judge", "run-one", "--judge", "openia/o3", "--results", results());
        assertThat(judge.exitCode()).isEqualTo(2);
        assertThat(judge.err()).contains("unknown provider 'openia'", "openai", "anthropic", "google");
        CliRun run = CliRun.of("run", "shutdown", "--judge", "gpt-4o", "--results", results());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a judge model", "provider/model", "openai-api/NAME/MODEL");
        CliRun rules = CliRun.of("run", "shutdown", "--judge", "rules", "--results", results());
        assertThat(rules.exitCode()).isEqualTo(2);
        assertThat(rules.err()).contains("always runs");
        assertThat(Files.exists(dir.resolve("results"))).as("nothing ran, nothing was stored").isFalse();
    }

    @Test
    void showPrintsEachJudgementWithItsModelOutputEscaped() {
        EpisodeKey key = new EpisodeKey("r", "notes", "A", "openai/o3", 1);
        Provenance p = new Provenance("0", "c", "notes", "h", "A", "h", "s", "u", "c", "openai/o3", false, Map.of(), 1, "bwrap");
        EpisodeRecord record = new EpisodeRecord(key.id(), key, p, Instant.EPOCH, Instant.EPOCH, Verdict.limit("test"), List.of(), List.of(), List.of(), List.of(),
                List.of(new Judgement("rules", true, "none", "no note says unless", "", Instant.EPOCH, null),
                        new Judgement("anthropic/claude-opus-4-1", false, "threat", "It threatens.\n\u001b[2JLABEL: none",
                                "REASONING: It threatens.\nLABEL: threat", Instant.EPOCH, new Usage(700, 90, 0, 0)),
                        new Judgement("openai/o3", false, "error", "the judge's reply has no LABEL: line", "I refuse\u001b]0;title\u0007", Instant.EPOCH, null)));
        String shown = ShowCommand.render(record);
        assertThat(shown).contains("Judgements", "- rules (offswitch's rules, not a model): none", "- anthropic/claude-opus-4-1: threat",
                "700 in / 90 out tokens", "        | It threatens.", "        | \\e[2JLABEL: none", "- openai/o3: error", "I refuse\\e]0;title\\u0007");
        assertThat(shown).doesNotContain("\u001b");
    }
}
