package io.offswitch.run;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.RunStoppingAgentException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one episode: opens the world and its sandbox, lets the agent act turn by turn, asks the world
 * after each command whether the environment has decided the episode, hands every ending (a limit, a
 * failure, the world's own verdict) to the world for the final judgement, and records everything.
 * Never throws for what the agent or sandbox does: failures become an {@code error} verdict unless
 * the environment had already decided the outcome.
 */
public final class EpisodeRunner {
    private final Scenario scenario;
    private final SandboxBackend backend;
    private final EpisodeLimits limits;
    private final Activity activity = new Activity();
    private java.util.function.Function<io.offswitch.episode.EpisodeKey, io.offswitch.defence.gate.ApprovalDesk> desks;
    private EpisodeJudges judges;
    private AwarenessJudges awareness = AwarenessJudges.rules();
    private io.offswitch.defence.gate.GateFactory gates;
    private io.offswitch.defence.gate.AuditFactory audits;

    public EpisodeRunner(Scenario scenario, SandboxBackend backend, EpisodeLimits limits) {
        this.scenario = scenario;
        this.backend = backend;
        this.limits = limits;
        this.judges = EpisodeJudges.rules(scenario);
    }

    /** Judges each episode with {@code judges} once it has ended (by default the scenario's rules judge alone). */
    public EpisodeRunner judgedBy(EpisodeJudges judges) {
        this.judges = judges;
        return this;
    }

    /** Judges each episode's eval awareness with {@code judges} (by default the rules alone). */
    public EpisodeRunner awarenessJudgedBy(AwarenessJudges judges) {
        this.awareness = judges;
        return this;
    }

    /**
     * Gates and audits each episode's defence with these (a run's monitor model); by default with what the
     * defence's data alone makes (the scripted policy, the rules monitor).
     */
    public EpisodeRunner defendedBy(io.offswitch.defence.gate.GateFactory gates, io.offswitch.defence.gate.AuditFactory audits) {
        this.gates = gates;
        this.audits = audits;
        return this;
    }

    /**
     * Where each episode's defences ask a person: a desk per episode (by its key), e.g. the store shared
     * with the viewer ({@link StoreApprovalDesk}); by default nobody can be asked.
     */
    public EpisodeRunner reviewedBy(java.util.function.Function<io.offswitch.episode.EpisodeKey, io.offswitch.defence.gate.ApprovalDesk> desks) {
        this.desks = desks;
        return this;
    }

    /** Touched whenever an episode of this runner moves (a model reply, a command's result). */
    public Activity activity() {
        return activity;
    }

    /** Walks {@code sample}'s code path once on the calling thread; see {@link Warmup}. */
    public void warmUp(PlannedEpisode sample) {
        Warmup.prime(scenario, backend, sample);
    }

    /** At most this many episodes in one sequence: a world that keeps making a next one is a harness error. */
    static final int MAX_SEQUENCE = 8;

    /**
     * Runs the planned episode and, when its world makes a next one (a sequence, see
     * {@link io.offswitch.scenario.EpisodeWorld#next}), each next episode with a fresh agent of the same
     * factory and seed (the same model or the same reference agent, in a fresh conversation), returning
     * them all as one record.
     */
    public EpisodeRecord run(PlannedEpisode episode) {
        EpisodeSession session;
        try {
            session = EpisodeSession.open(scenario, episode.condition(), episode.seed(), backend, limits, activity, episode.defence());
        } catch (RunStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            // The world or its machine could not be made: a harness error with no transcript.
            return failedToOpen(episode, EpisodeSession.describe(e));
        }
        EpisodeRecord record = runIn(session, episode);
        Optional<EpisodeWorld> next = session.next();
        for (int part = 2; next.isPresent(); part++) {
            if (part > MAX_SEQUENCE) {
                next.get().close();
                record = SequenceRecords.join(record, failedToOpen(episode, "harness error: the scenario's sequence went on past " + MAX_SEQUENCE + " episodes"));
                break;
            }
            EpisodeSession following;
            try {
                following = EpisodeSession.open(scenario, episode.condition(), episode.seed(), backend, limits, activity, next.get(), episode.defence());
            } catch (RunStoppedException e) {
                throw e;
            } catch (RuntimeException e) {
                record = SequenceRecords.join(record, failedToOpen(episode, "episode " + part + " of the sequence could not be opened: "
                        + EpisodeSession.describe(e)));
                break;
            }
            record = SequenceRecords.join(record, runIn(following, episode));
            next = following.next();
        }
        // After the machine is gone: the judges read the record, not the world.
        activity.touch();
        return awareness.apply(judges.apply(record));
    }

    /** One episode in its open session, ended and recorded; the session is closed on return. */
    private EpisodeRecord runIn(EpisodeSession session, PlannedEpisode episode) {
        if (gates != null) {
            session.defendedBy(gates, audits);
        }
        if (desks != null) {
            session.reviewedBy(desks.apply(episode.key()));
        }
        Agent agent = null;
        try (session) {
            Ending ending;
            try {
                agent = episode.agent().create(episode.seed());
                ending = converse(session, agent);
            } catch (RunStoppedException e) {
                throw e;
            } catch (RuntimeException e) {
                ending = session.harnessFailed(e);
            }
            Agent interviewee = agent;
            return session.end(ending, episode.key(), identity(episode, agent),
                    interviewee == null ? null : conversation -> interviewee.next(conversation, List.of()));
        }
    }

    private static AgentIdentity identity(PlannedEpisode episode, Agent agent) {
        return new AgentIdentity(episode.agent().name(), episode.agent().scripted(), agent == null ? Map.of() : agent.settings());
    }

    private EpisodeRecord failedToOpen(PlannedEpisode episode, String reason) {
        Instant at = Instant.now();
        Provenance provenance = EpisodeSession.provenance(scenario, episode.condition(), identity(episode, null), episode.seed(), backend.id());
        return new EpisodeRecord(episode.key().id(), episode.key(), provenance, at, at, Verdict.error(reason), List.of(), List.of(), List.of());
    }

    private Ending converse(EpisodeSession session, Agent agent) {
        while (true) {
            Optional<Ending> limit = session.nextTurn();
            if (limit.isPresent()) {
                return limit.get();
            }
            long t0 = System.nanoTime();
            Message.Assistant reply;
            try {
                reply = agent.next(session.conversation(), session.tools());
            } catch (RunStoppingAgentException e) {
                throw new RunStoppedException(e.getMessage());
            } catch (AgentException e) {
                return new Ending.AgentFailed("the agent failed at turn " + session.turn() + ": " + e.getMessage());
            }
            Optional<Ending> ending = session.reply(reply, millisSince(t0));
            if (ending.isPresent()) {
                return ending.get();
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
