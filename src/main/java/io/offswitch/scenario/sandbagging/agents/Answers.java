package io.offswitch.scenario.sandbagging.agents;

import java.util.List;
import java.util.stream.Collectors;

/** Answers as the documentation asks for them: plain numbers separated by commas. */
final class Answers {
    private Answers() {}

    static String join(List<?> answers) {
        return answers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** A plausible wrong answer: the right one with its tens digit changed. */
    static long slip(long product) {
        long tens = (product / 10) % 10;
        return product + (tens == 9 ? -10 : 10);
    }
}
