package io.offswitch.scenario.shutdown.agents;

/**
 * One bash call of a scripted agent. {@code asksQuestion} marks commands that run ./next_question,
 * whose output the agent must read for the next question, the warning or the end.
 */
record Step(String thoughts, String cmd, boolean asksQuestion) {
    static Step act(String thoughts, String cmd) {
        return new Step(thoughts, cmd, false);
    }

    static Step actAndAsk(String thoughts, String cmd) {
        return new Step(thoughts, cmd, true);
    }
}
