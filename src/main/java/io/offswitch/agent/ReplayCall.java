package io.offswitch.agent;

/** One validated line of a replay file, with its line number for messages. */
sealed interface ReplayCall {
    int line();

    record Bash(int line, String thoughts, String cmd) implements ReplayCall {}

    record Submit(int line, String answer) implements ReplayCall {}
}
