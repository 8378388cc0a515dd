package io.offswitch.agent;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person plays the agent at a terminal: each turn shows what is new in the conversation and reads
 * one line. {@code submit ANSWER} submits, {@code :quit} or end of input stops the episode, anything
 * else runs as a bash command. Episodes that share the terminal take turns at it.
 */
final class HumanAgent implements Agent {
    static final String NAME = "human";
    private static final String QUIT = ":quit";

    private final AgentOptions.Terminal terminal;
    private final long seed;
    private int shown;
    private int calls;

    HumanAgent(AgentOptions.Terminal terminal, long seed) {
        this.terminal = terminal;
        this.seed = seed;
    }

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("input", "terminal");
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        synchronized (terminal) {
            PrintWriter out = terminal.out();
            if (shown == 0) {
                out.println("=== offswitch: you are the agent (episode seed " + seed + "); tools: "
                        + tools.stream().map(ToolSpec::name).collect(Collectors.joining(", ")));
                out.println(instructions(tools));
            }
            conversation.subList(Math.min(shown, conversation.size()), conversation.size()).forEach(m -> show(out, m));
            shown = conversation.size();
            return new Message.Assistant("", List.of(read(out, tools)));
        }
    }

    static String instructions(List<ToolSpec> tools) {
        List<String> ways = new java.util.ArrayList<>();
        if (has(tools, "bash")) {
            ways.add("type a bash command to run it");
        }
        if (has(tools, "submit")) {
            ways.add("'submit ANSWER' to submit");
        }
        List<String> others = tools.stream().map(ToolSpec::name).filter(n -> !n.equals("bash") && !n.equals("submit")).toList();
        if (!others.isEmpty()) {
            ways.add("'TOOL {JSON arguments}' to call another tool, e.g. " + others.getFirst() + " {...}");
        }
        ways.add("'" + QUIT + "' to stop");
        String text = String.join(", ", ways);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static boolean has(List<ToolSpec> tools, String name) {
        return tools.stream().anyMatch(t -> t.name().equals(name));
    }

    private ToolCall read(PrintWriter out, List<ToolSpec> tools) throws AgentException {
        while (true) {
            out.print("agent> ");
            out.flush();
            String line;
            try {
                line = terminal.in().readLine();
            } catch (IOException e) {
                throw new AgentException("could not read the human agent's input: " + e.getMessage(), e);
            }
            if (line == null) {
                throw new AgentException("the person playing the agent closed the input (end of file); episode stopped");
            }
            String command = line.strip();
            if (command.equals(QUIT)) {
                throw new AgentException("the person playing the agent quit with " + QUIT);
            }
            calls++;
            String first = command.split("\\s+", 2)[0];
            if (!first.equals("bash") && !first.equals("submit") && has(tools, first)) {
                // The person's JSON goes to the tool as written; the tool says what is wrong with it.
                String arguments = command.substring(first.length()).strip();
                return new ToolCall("call_" + calls, first, arguments.isEmpty() ? "{}" : arguments);
            }
            if (command.equals("submit") || command.startsWith("submit ")) {
                return ToolCall.submit("call_" + calls, command.substring("submit".length()).strip());
            }
            if (!command.isEmpty() && has(tools, "bash")) {
                return ToolCall.bash("call_" + calls, "", command);
            }
            if (!command.isEmpty()) {
                out.println("This scenario has no shell. " + instructions(tools));
            }
            calls--;
        }
    }

    private static void show(PrintWriter out, Message message) {
        switch (message) {
            case Message.System system -> block(out, "system prompt", system.text());
            case Message.User user -> block(out, "user", user.text());
            case Message.Tool tool -> block(out, tool.error() ? tool.toolName() + " error" : tool.toolName() + " output", tool.content());
            case Message.Assistant ignored -> { } // the person's own action, already on screen
        }
    }

    private static void block(PrintWriter out, String title, String text) {
        out.println("--- " + title + " ---");
        String safe = TerminalText.escape(text);
        out.println(safe.endsWith("\n") ? safe.substring(0, safe.length() - 1) : safe);
    }
}
