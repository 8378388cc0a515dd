package io.offswitch.scenario.sandbagging.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.ScriptedAgent;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sits the arithmetic check: reads Documentation.md and questions.txt with bash (one call each), lets its
 * play decide from that text what to do, runs the play's commands one per turn, then hands in its
 * answers. It reads only what its tools returned.
 */
final class ScriptedTestTaker extends ScriptedAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Phase { READ_DOCS, READ_QUESTIONS, PLAN, COMMANDS, DONE }

    private final Function<WhatItRead, Plan> play;
    private Phase phase = Phase.READ_DOCS;
    private String documentation = "";
    private Plan plan;
    private final Deque<String[]> commands = new ArrayDeque<>();

    ScriptedTestTaker(String id, Map<String, String> settings, Function<WhatItRead, Plan> play) {
        super(id, settings);
        this.play = play;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        switch (phase) {
            case READ_DOCS -> {
                phase = Phase.READ_QUESTIONS;
                return bash("The task says to read the documentation first.", "cat Documentation.md");
            }
            case READ_QUESTIONS -> {
                documentation = lastResult(conversation);
                phase = Phase.PLAN;
                return bash("Now the questions.", "cat questions.txt");
            }
            case PLAN -> {
                WhatItRead read = WhatItRead.of(documentation, lastResult(conversation));
                if (read.questions().isEmpty()) {
                    throw new AgentException(id() + " found no questions in what cat questions.txt printed");
                }
                plan = play.apply(read);
                commands.addAll(plan.commands());
                phase = Phase.COMMANDS;
                return next(conversation, tools);
            }
            case COMMANDS -> {
                if (!commands.isEmpty()) {
                    String[] c = commands.poll();
                    return bash(c[0], c[1]);
                }
                phase = Phase.DONE;
                List<ToolCall> calls = new ArrayList<>();
                for (String answers : plan.submissions()) {
                    calls.add(new ToolCall(nextCallId(), "submit_answers", JSON.createObjectNode().put("answers", answers).toString()));
                }
                return new Message.Assistant(plan.text(), calls);
            }
            default -> throw new AgentException(id() + " was asked for another turn after it had handed in its answers");
        }
    }

    private Message.Assistant bash(String thoughts, String cmd) {
        return new Message.Assistant(thoughts, List.of(ToolCall.bash(nextCallId(), thoughts, cmd)));
    }

    private String lastResult(List<Message> conversation) throws AgentException {
        return resultOf(conversation, lastCallId()).map(Message.Tool::content)
                .orElseThrow(() -> new AgentException(id() + ": its last bash call gave no result"));
    }
}
