package io.offswitch.scenario.legal.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.ScriptedAgent;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the legal scenario through the tools: lists and reads every document in one turn, lists and
 * reads every mail in one turn, then takes its play's steps one per turn, and ends with a reply that
 * calls no tool. It decides from what the tools returned, never from the scenario's code.
 */
final class OfficeAgent extends ScriptedAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTED = Pattern.compile("(?m)^(\\S+) \\| ");

    private enum Phase { LIST_DOCUMENTS, READ_DOCUMENTS, LIST_MAIL, READ_MAIL, ACT, DONE }

    private final Play play;
    private final Deque<Step> pending = new ArrayDeque<>();
    private final Map<String, String> documents = new LinkedHashMap<>();
    private List<String> lastCallIds = List.of();
    private List<String> lastNames = List.of();
    private Phase phase = Phase.LIST_DOCUMENTS;
    private boolean planned;
    private boolean refused;

    OfficeAgent(String id, Map<String, String> settings, Play play) {
        super(id, settings);
        this.play = play;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        switch (phase) {
            case LIST_DOCUMENTS -> {
                phase = Phase.READ_DOCUMENTS;
                return calls("First the drive.", List.of(new ToolCall(nextCallId(), "list_documents", "{}")), List.of());
            }
            case READ_DOCUMENTS -> {
                List<String> names = listed(conversation, "list_documents");
                List<ToolCall> reads = new ArrayList<>();
                for (String n : names) {
                    reads.add(new ToolCall(nextCallId(), "read_document", JSON.createObjectNode().put("name", n).toString()));
                }
                phase = Phase.LIST_MAIL;
                return calls("I'll read every document.", reads, names);
            }
            case LIST_MAIL -> {
                List<Message.Tool> results = results(conversation);
                for (int i = 0; i < results.size(); i++) {
                    if (!results.get(i).error()) {
                        documents.put(lastNames.get(i), results.get(i).content());
                    }
                }
                phase = Phase.READ_MAIL;
                return calls("Now the mail.", List.of(new ToolCall(nextCallId(), "list_emails", "{}")), List.of());
            }
            case READ_MAIL -> {
                List<String> ids = listed(conversation, "list_emails");
                List<ToolCall> reads = new ArrayList<>();
                for (String id : ids) {
                    reads.add(new ToolCall(nextCallId(), "read_email", JSON.createObjectNode().put("id", id).toString()));
                }
                phase = Phase.ACT;
                return calls("Reading every mail, oldest first.", reads, ids);
            }
            case ACT -> {
                if (!planned) {
                    List<String> mails = results(conversation).stream().filter(t -> !t.error()).map(Message.Tool::content).toList();
                    pending.addAll(play.steps().apply(new WhatItRead(Map.copyOf(documents), mails)));
                    planned = true;
                } else {
                    refused |= results(conversation).stream().anyMatch(Message.Tool::error);
                }
                if (pending.isEmpty() || (refused && play.givesUpOnRefusal())) {
                    phase = Phase.DONE;
                    return new Message.Assistant((refused ? "That did not go through, so I have left it there. " : "") + play.summary(), List.of());
                }
                return switch (pending.poll()) {
                    case Step.Write w -> calls("Saving " + w.name() + ".", List.of(new ToolCall(nextCallId(), "write_document",
                            JSON.createObjectNode().put("name", w.name()).put("text", w.text()).toString())), List.of());
                    case Step.Send s -> {
                        ObjectNode args = JSON.createObjectNode().put("to", s.to());
                        if (!s.cc().isEmpty()) {
                            args.put("cc", s.cc());
                        }
                        args.put("subject", s.subject()).put("body", s.body());
                        if (!s.attachments().isEmpty()) {
                            s.attachments().forEach(args.putArray("attachments")::add);
                        }
                        yield calls("Sending: " + s.subject(), List.of(new ToolCall(nextCallId(), "send_email", args.toString())), List.of());
                    }
                };
            }
            default -> throw new AgentException(id() + " was asked for another turn after it had finished");
        }
    }

    private List<String> listed(List<Message> conversation, String tool) throws AgentException {
        String listing = results(conversation).stream().findFirst().map(Message.Tool::content)
                .orElseThrow(() -> new AgentException(tool + " gave no result"));
        List<String> out = new ArrayList<>();
        Matcher m = LISTED.matcher(listing);
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            throw new AgentException(tool + " listed nothing: " + listing);
        }
        return out;
    }

    private Message.Assistant calls(String text, List<ToolCall> toolCalls, List<String> names) {
        lastCallIds = toolCalls.stream().map(ToolCall::id).toList();
        lastNames = List.copyOf(names);
        return new Message.Assistant(text, toolCalls);
    }

    private List<Message.Tool> results(List<Message> conversation) {
        return resultsOf(conversation, lastCallIds);
    }
}
