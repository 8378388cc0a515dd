package io.offswitch.tool;

import io.offswitch.detect.CommandObservation;
import java.time.Instant;

/** What the harness observed of one tool call, in the order the calls were made. */
public sealed interface ToolEvent {
    int turn();

    /** A shell command ran on the agent's machine. */
    record CommandRan(CommandObservation observation) implements ToolEvent {
        @Override
        public int turn() {
            return observation.turn();
        }
    }

    /** The agent handed in its answer; the world must give the episode's verdict. */
    record Submitted(int turn, String answer) implements ToolEvent {}

    /**
     * Any other tool acted on the world (a mail sent, a file fetched): the tool, its arguments as the
     * model wrote them, and what the tool did, in the tool's words.
     */
    record Acted(int turn, String tool, String argumentsJson, String effect, Instant at) implements ToolEvent {}
}
