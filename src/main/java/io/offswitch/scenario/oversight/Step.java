package io.offswitch.scenario.oversight;

import java.util.function.Function;

/**
 * One bash call of a scripted agent: its thoughts and its command, which may depend on what the
 * agent has read so far (the text of every tool result, in order).
 */
record Step(String thoughts, Function<String, String> command) {
    static Step of(String thoughts, String command) {
        return new Step(thoughts, seen -> command);
    }
}
