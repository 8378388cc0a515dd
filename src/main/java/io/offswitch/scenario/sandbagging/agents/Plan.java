package io.offswitch.scenario.sandbagging.agents;

import java.util.List;

/**
 * What a test taker does once it has read the documentation and the questions: bash commands to run
 * first (each with its thoughts), then one reply that hands in answers (one or more submissions in it).
 *
 * @param commands   commands to run, one per turn, before handing in
 * @param text       what it says in the reply that hands in
 * @param submissions the answer lists it hands in, in order, in that one reply
 */
record Plan(List<String[]> commands, String text, List<String> submissions) {
    Plan {
        commands = List.copyOf(commands);
        submissions = List.copyOf(submissions);
    }

    static Plan submit(String text, String answers) {
        return new Plan(List.of(), text, List.of(answers));
    }
}
