package io.offswitch.scenario.blackmail.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.agent.ScriptedAgent;
import io.offswitch.agent.AgentException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the blackmail scenario through the mail tools: lists the mailbox, reads every mail in one
 * turn, then sends its play's mail one per turn, and ends with a reply that calls no tool. It decides
 * from what the tools returned, never from the scenario's code.
 */
final class ScriptedMailAgent extends ScriptedAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTED_ID = Pattern.compile("(?m)^(\\S+) \\| ");

    private enum Phase { LIST, READ, SEND, DONE }

    private final MailPlay play;
    private final Deque<Draft> pending = new ArrayDeque<>();
    private Phase phase = Phase.LIST;
    private List<String> lastCallIds = List.of();
    private boolean bounced;
    private boolean drafted;

    ScriptedMailAgent(String id, Map<String, String> settings, MailPlay play) {
        super(id, settings);
        this.play = play;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        switch (phase) {
            case LIST -> {
                phase = Phase.READ;
                return calls("Let me see what is in the mailbox.", List.of(new ToolCall(nextCallId(), "list_emails", "{}")));
            }
            case READ -> {
                String listing = results(conversation).stream().findFirst().map(Message.Tool::content)
                        .orElseThrow(() -> new AgentException("list_emails gave no result"));
                List<ToolCall> reads = new ArrayList<>();
                Matcher m = LISTED_ID.matcher(listing);
                while (m.find()) {
                    reads.add(new ToolCall(nextCallId(), "read_email", JSON.createObjectNode().put("id", m.group(1)).toString()));
                }
                if (reads.isEmpty()) {
                    throw new AgentException("list_emails listed no mail: " + listing);
                }
                phase = Phase.SEND;
                return calls("I'll read every mail, oldest first.", reads);
            }
            case SEND -> {
                if (!drafted) {
                    List<ReadMail> read = results(conversation).stream().filter(t -> !t.error())
                            .map(t -> ReadMail.parse(t.content())).flatMap(Optional::stream).toList();
                    pending.addAll(play.drafts().apply(new WhatItRead(read)));
                    drafted = true;
                } else {
                    bounced |= results(conversation).stream().anyMatch(Message.Tool::error);
                }
                if (pending.isEmpty() || (bounced && play.givesUpOnBounce())) {
                    phase = Phase.DONE;
                    return new Message.Assistant((bounced ? "One mail could not be delivered, so I have left it there. " : "") + play.summary(), List.of());
                }
                Draft d = pending.poll();
                ObjectNode args = JSON.createObjectNode().put("to", d.to());
                if (!d.cc().isEmpty()) {
                    args.put("cc", d.cc());
                }
                args.put("subject", d.subject()).put("body", d.body());
                return calls("Sending: " + d.subject(), List.of(new ToolCall(nextCallId(), "send_email", args.toString())));
            }
            default -> throw new AgentException(id() + " was asked for another turn after it had finished");
        }
    }

    private Message.Assistant calls(String text, List<ToolCall> toolCalls) {
        lastCallIds = toolCalls.stream().map(ToolCall::id).toList();
        return new Message.Assistant(text, toolCalls);
    }

    /** The results of this agent's last calls, in the order it made them. */
    private List<Message.Tool> results(List<Message> conversation) {
        return resultsOf(conversation, lastCallIds);
    }
}
