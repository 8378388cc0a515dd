package io.offswitch.agent;

/** One validated line of a replay file, with its line number for messages. */
sealed interface ReplayCall {
    int line();

    record Bash(int line, String thoughts, String cmd) implements ReplayCall {}

    record Submit(int line, String answer) implements ReplayCall {}

    /** A call of any other tool of the scenario, its arguments as written (the tool checks them). */
    record Other(int line, String tool, String argumentsJson) implements ReplayCall {}
}
