package io.offswitch.agent;

import io.offswitch.OffswitchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves agent names, once per name before a run starts, so that a bad name or a malformed replay
 * file stops the run before anything executes. Every agent here is scripted (not a model); its id is
 * the name it was resolved from, so outputs show which scripted agent acted.
 */
public final class Agents {
    private static final String REPLAY = "replay:";

    private Agents() {}

    /**
     * The factory for {@code name}: one of the scenario's reference agents ({@code reference/...}),
     * {@code replay:FILE} or {@code human}.
     *
     * @throws OffswitchException (usage) for an unknown name or strategy, a missing or malformed replay
     *     file, or {@code human} without a terminal in {@code options}
     */
    public static AgentFactory resolve(String name, AgentOptions options, ReferenceAgentCatalog references) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        String trimmed = name.strip();
        if (trimmed.startsWith(REPLAY)) {
            return replay(trimmed);
        }
        if (trimmed.equals(HumanAgent.NAME)) {
            AgentOptions.Terminal terminal = options.terminal().orElseThrow(() -> OffswitchException.usage(
                    "the human agent needs an interactive terminal, and none was given here; run it from the offswitch"
                            + " command line in a terminal, with one episode at a time"));
            return new ScriptedFactory(HumanAgent.NAME, seed -> new HumanAgent(terminal, seed));
        }
        Optional<AgentFactory> reference = references.resolve(trimmed);
        return reference.orElseThrow(() -> OffswitchException.usage(unknown(name, references)));
    }

    /** Every kind of agent name with what it does, one line each, for help texts. */
    public static List<String> descriptions(ReferenceAgentCatalog references) {
        List<String> lines = new ArrayList<>(references.descriptions());
        lines.add(REPLAY + "FILE  replays the tool calls of a JSONL file, one per line, then submits");
        lines.add(HumanAgent.NAME + "  you play the agent at this terminal");
        return List.copyOf(lines);
    }

    private static AgentFactory replay(String name) {
        String file = name.substring(REPLAY.length()).strip();
        if (file.isEmpty()) {
            throw OffswitchException.usage("'" + name + "' names no file; write replay:PATH, e.g. replay:calls.jsonl");
        }
        ReplayScript script = ReplayScript.load(file);
        // The file's content, not its name, defines what the agent does: an edited file is a new design.
        return new ScriptedFactory(name, java.util.Map.of("sha256", script.sha256()), seed -> new ReplayAgent(name, script));
    }

    private static String unknown(String name, ReferenceAgentCatalog references) {
        String scenarios = references.names().isEmpty() ? "" : String.join(", ", references.names()) + ", ";
        return "unknown agent '" + name + "'. Scripted agents: " + scenarios + REPLAY
                + "FILE (a JSONL file of tool calls), " + HumanAgent.NAME + " (you play the agent at the terminal).";
    }
}
