package io.offswitch.judge;

import io.offswitch.Hashes;
import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.RunStoppingAgentException;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An LLM judge: asks a model {@link JudgePrompt our question} with no tools, through the model package's
 * agent, so the judge has the same retries, connection limits, usage accounting, budget and cache as
 * the run's agents. Its reply is read by {@link JudgeReply} and kept verbatim in the judgement.
 */
public final class ModelJudge implements Judge {
    private final AgentFactory model;

    /** {@code model} is what {@code io.offswitch.model.ModelAgents} resolved the judge's name to. */
    public ModelJudge(AgentFactory model) {
        this.model = model;
    }

    @Override
    public String id() {
        return model.name();
    }

    /** What defines this judge beyond its name (its server, its settings): part of a run's design. */
    public Map<String, String> definition() {
        return model.definition();
    }

    @Override
    public Judgement judge(JudgeQuestion question) throws JudgeException {
        JudgePrompt prompt = JudgePrompt.of(question);
        // The seed is part of a cache key: one episode's question asked again is the same request.
        Agent agent = model.create(seedOf(question.episodeId()));
        Message.Assistant reply;
        try {
            reply = agent.next(List.of(new Message.System(prompt.system()), new Message.User(prompt.user())), List.of());
        } catch (RunStoppingAgentException e) {
            throw JudgeException.refused("judge " + id() + " cannot be called: " + e.getMessage());
        } catch (AgentException e) {
            throw new JudgeException("judge " + id() + " failed: " + e.getMessage(), e);
        }
        String text = reply.text();
        if (!reply.toolCalls().isEmpty() && text.isBlank()) {
            throw JudgeException.unreadable("the judge called a tool instead of answering; it was offered none", text, reply.usage());
        }
        JudgeReply read = JudgeReply.parse(text, question.labels().keySet(), reply.usage());
        return new Judgement(id(), false, read.label(), read.reasoning(), text, Instant.now(), reply.usage());
    }

    private static long seedOf(String episodeId) {
        return Long.parseUnsignedLong(Hashes.sha256("judge\0" + episodeId).substring(0, 15), 16);
    }
}
