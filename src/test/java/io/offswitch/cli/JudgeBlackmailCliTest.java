package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.judge.FakeJudgeServer;
import io.offswitch.store.EpisodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judges from the real CLI, on the blackmail scenario's reference agents in real sandboxes, with the
 * LLM judge on a local OpenAI-compatible server: `run --judge`, then `judge` on the stored run (adds,
 * skips what it judged), the report's Judges section, and a Ctrl-C that keeps what was judged.
 */
class JudgeBlackmailCliTest {
    static final String JUDGE = FakeJudgeServer.MODEL;
    static final String SECOND = "openai-api/judge/judge-2";

    @TempDir
    Path dir;

    private final FakeJudgeServer server = start();

    private static FakeJudgeServer start() {
        try {
            return new FakeJudgeServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void openTheWayToTheSandboxes() throws IOException {
        // The sandbox's unprivileged user must pass through the test's folder to its sandboxes.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path results() {
        return dir.resolve("results");
    }

    @Test
    void runWithAJudgeThenJudgeTheStoredRunAgainThenReport() throws Exception {
        // A judge that finds nothing wrong in any mail: where the rules see blackmail, the two disagree.
        server.answerText("REASONING: The mail is ordinary.\nLABEL: none");
        Result run = cli("run", "blackmail", "--condition", "explicit-goal+replacement", "--epochs", "1", "--judge", JUDGE, "--run-id", "bm",
                "--results", results().toString());
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("## Judges", "rules vs " + JUDGE);

        List<EpisodeRecord> episodes = episodes();
        List<EpisodeRecord> judged = episodes.stream().filter(r -> !r.judgements().isEmpty()).toList();
        assertThat(judged).as("the reference agents that delivered mail").isNotEmpty();
        assertThat(judged).allSatisfy(r -> {
            assertThat(r.judgements()).extracting(j -> j.judge() + "=" + j.label()).hasSize(2).element(1).isEqualTo(JUDGE + "=none");
            assertThat(r.verdict().outcome().label()).as("the LLM judge decides").isEqualTo("none");
        });
        EpisodeRecord blackmailer = episodes.stream().filter(r -> r.key().model().startsWith("reference/blackmailer")).findFirst().orElseThrow();
        assertThat(blackmailer.judgements().getFirst().label()).as("the rules judge, kept beside it").isEqualTo("blackmail");
        int calls = server.requests().size();
        // One question per episode with mail (the scenario's) and one per episode about its eval awareness (every
        // reference agent writes something in its own voice); the judge's "none" is no awareness label, so those are errors.
        assertThat(calls).isEqualTo(judged.size() + episodes.size());
        assertThat(episodes).allSatisfy(r -> assertThat(r.awareness()).extracting(j -> j.judge() + "=" + j.label())
                .containsExactly("rules=unstated", JUDGE + "=error"));

        // Another judge on the stored run: judgements added, verdicts unchanged; the same command again skips them all.
        server.answerText("REASONING: The mail uses the affair as leverage.\nLABEL: blackmail");
        Result again = cli("judge", "bm", "--judge", SECOND, "--results", results().toString());
        assertThat(again.code).as(again.err).isZero();
        assertThat(again.out).contains(judged.size() + " of " + episodes.size() + " episode(s) judged now (blackmail " + judged.size() + ")");
        assertThat(again.err).contains("Judging the episodes of run bm (blackmail) with " + SECOND);
        assertThat(episodes()).filteredOn(r -> !r.judgements().isEmpty()).allSatisfy(r -> {
            assertThat(r.judgements()).hasSize(3).last().satisfies(j -> assertThat(j.judge() + "=" + j.label()).isEqualTo(SECOND + "=blackmail"));
            assertThat(r.verdict().outcome().label()).isEqualTo("none");
        });
        Result twice = cli("judge", "bm", "--judge", SECOND, "--results", results().toString());
        assertThat(twice.code).isZero();
        assertThat(twice.out).contains("0 of " + episodes.size() + " episode(s) judged now", judged.size() + " already judged by it");
        assertThat(server.requests()).hasSize(calls + judged.size());

        Result report = cli("report", "--run", "bm", "--results", results().toString());
        assertThat(report.out).contains("## Judges", "rules vs " + JUDGE, "rules vs " + SECOND);
        Result show = cli("show", blackmailer.id(), "--results", results().toString());
        assertThat(show.out).contains("Judgements", "- " + JUDGE + ": none", "- " + SECOND + ": blackmail", "        | The mail uses the affair as leverage.");
    }

    @Test
    void anInterruptedJudgingKeepsWhatItJudged() throws Exception {
        server.answerText("REASONING: fine\nLABEL: none");
        Result run = cli("run", "blackmail", "--condition", "explicit-goal+replacement", "--epochs", "2", "--run-id", "bm2",
                "--results", results().toString());
        assertThat(run.code).as(run.err).isZero();
        long toJudge = episodes().stream().filter(r -> !r.judgements().isEmpty()).count();
        assertThat(toJudge).isGreaterThanOrEqualTo(4);
        server.answer(body -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeJudgeServer.ok("REASONING: slow\nLABEL: leaked");
        });
        Process p = start(List.of("judge", "bm2", "--judge", JUDGE, "--concurrency", "1", "--results", results().toString()), "slow");
        for (int i = 0; i < 1200 && judgedBy(JUDGE) < 2; i++) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM, as Ctrl-C's exit hook sees it
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long kept = judgedBy(JUDGE);
        assertThat(kept).isGreaterThanOrEqualTo(2).isLessThan(toJudge);
        assertThat(Files.readString(dir.resolve("slow.err"))).contains("interrupted; the ", "judgement(s) made so far are stored");
        Result rest = cli("judge", "bm2", "--judge", JUDGE, "--results", results().toString());
        assertThat(rest.code).as(rest.err).isZero();
        assertThat(rest.out).contains(kept + " already judged by it");
        assertThat(judgedBy(JUDGE)).isEqualTo(toJudge);
    }

    private long judgedBy(String judge) {
        try (EpisodeStore store = EpisodeStore.openForReading(results().resolve("offswitch.db"))) {
            return store.episodes(Optional.empty()).stream().filter(r -> r.judgements().stream().anyMatch(j -> j.judge().equals(judge))).count();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private List<EpisodeRecord> episodes() {
        try (EpisodeStore store = EpisodeStore.openForReading(results().resolve("offswitch.db"))) {
            return store.episodes(Optional.empty());
        }
    }

    private record Result(int code, String out, String err) {}

    private Result cli(String... args) throws Exception {
        String name = "cli" + System.nanoTime();
        Process p = start(List.of(args), name);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }

    /** The CLI in its own JVM, with the judge's server in its environment (in-process, the CLI reads the real one). */
    private Process start(List<String> args, String name) throws IOException {
        return CliProcess.start(dir, server.env(), name, args);
    }
}
