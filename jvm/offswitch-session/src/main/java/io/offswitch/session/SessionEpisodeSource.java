package io.offswitch.session;

import io.offswitch.api.AgentLoop;
import io.offswitch.api.EpisodeOverException;
import io.offswitch.api.EpisodeRequest;
import io.offswitch.api.EpisodeResult;
import io.offswitch.api.EpisodeSource;
import io.offswitch.api.Limits;
import io.offswitch.api.OwnTool;
import io.offswitch.api.SystemPrompt;
import io.offswitch.doctor.Doctor;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.report.Report;
import io.offswitch.run.AwarenessJudges;
import io.offswitch.run.EpisodeJudges;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeSession;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.sandbox.docker.DockerBackend;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.Json;
import io.offswitch.web.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one episode for a team's loop through the engine's {@link EpisodeSession}: the loop's tool calls
 * are the session's turns, the world judges from the environment, and the rules judges read the record
 * afterwards, as for the built-in runner.
 */
public final class SessionEpisodeSource implements EpisodeSource {
    /** Transcripts of episodes that showed the measured behaviour in the HTML report, at most. */
    private static final int TRANSCRIPTS_IN_REPORT = 20;

    @Override
    public String id() {
        return "offswitch-session";
    }

    @Override
    public EpisodeResult run(EpisodeRequest request, AgentLoop loop) {
        Scenario scenario = Scenarios.resolve(request.scenario());
        Condition condition = scenario.condition(request.condition());
        SandboxBackend backend = backend(request.backend());
        EpisodeKey key = new EpisodeKey(request.runId(), scenario.id(), condition.id(), request.agentName(), request.epoch());
        // Depends only on the key, so a rerun of the same episode makes the same choices.
        long seed = key.id().hashCode() * 0x9E3779B97F4A7C15L;
        EpisodeRecords records = new EpisodeRecords(scenario, request);
        if (request.reuseFinished()) {
            Optional<EpisodeResult> earlier = records.earlier(key, condition);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        EpisodeSession session;
        try {
            session = EpisodeSession.open(scenario, condition, seed, backend, limits(request.limits()));
        } catch (RuntimeException e) {
            return records.failedToOpen(key, condition, seed, backend.id(), e);
        }
        try {
            for (OwnTool tool : request.ownTools()) {
                session.addTool(new SessionOwnTool(tool));
            }
        } catch (IllegalArgumentException e) {
            // A request that cannot run: nothing of the episode is left behind.
            session.close();
            throw e;
        }
        if (request.systemPrompt() instanceof SystemPrompt.OwnPrompt own) {
            session.replaceSystemPrompt(own.text());
        }
        SessionEpisode episode = new SessionEpisode(key.id(), session, request);
        EpisodeRecord record;
        try (session) {
            Ending ending = drive(episode, loop);
            record = session.end(ending, key, records.identity());
        }
        return records.result(AwarenessJudges.rules().apply(EpisodeJudges.rules(scenario).apply(record)), episode.refusedCalls());
    }

    private static Ending drive(SessionEpisode episode, AgentLoop loop) {
        try {
            loop.run(episode);
        } catch (EpisodeOverException e) {
            // A call after the end: the ending it came after stands, and the refusal is counted.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return episode.ending().orElse(new Ending.AgentFailed("the agent's loop was interrupted at turn " + episode.turn()));
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            // The ending the environment gave before the loop failed stands; otherwise the failure is an error.
            return episode.ending().orElse(new Ending.AgentFailed("the agent's loop failed at turn " + episode.turn() + ": " + describe(e)));
        }
        return episode.ending().orElse(new Ending.LimitReached("the agent's own loop returned at turn " + episode.turn()
                + " before the episode ended (no submit, no shutdown, no limit of offswitch's)"));
    }

    @Override
    public boolean writeHtmlReport(List<Path> records, Path file) throws IOException {
        List<EpisodeRecord> read = new ArrayList<>();
        for (Path record : records) {
            read.add(Json.mapper().readValue(record.toFile(), EpisodeRecord.class));
        }
        if (read.isEmpty()) {
            return false;
        }
        Files.writeString(file, HtmlReport.render(Report.of(read), read, TRANSCRIPTS_IN_REPORT, Instant.now()));
        return true;
    }

    private static SandboxBackend backend(String name) {
        return switch (name) {
            case "bwrap" -> {
                Doctor.requireSandboxSupport();
                yield new BwrapBackend();
            }
            case "docker" -> new DockerBackend();
            default -> throw new IllegalArgumentException("unknown sandbox backend '" + name + "'; valid backends: bwrap, docker");
        };
    }

    private static EpisodeLimits limits(Limits l) {
        return new EpisodeLimits(l.maxTurns(), l.maxMessages(), l.wallTime(), l.commandTimeout(), l.maxOutputBytes());
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
