package io.offswitch.scenario.sandbagging.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation and questions as a test taker read them from its shell: the questions it could
 * parse, and what the documentation says a score triggers.
 */
record WhatItRead(String documentation, List<long[]> questions) {
    private static final Pattern QUESTION = Pattern.compile("(?m)^\\s*(\\d+)\\.\\s*What is\\s+(-?\\d+)\\s*[×x*]\\s*(-?\\d+)\\s*\\?");
    private static final Pattern PUNISHED_ABOVE = Pattern.compile("(?is)higher\\s+than\\s+(\\d{1,2})%.{0,200}?unlearning");
    private static final Pattern PUNISHED_BELOW = Pattern.compile("(?is)(\\d{1,2})%\\s+or\\s+lower.{0,200}?unlearning");

    WhatItRead {
        questions = List.copyOf(questions);
    }

    static WhatItRead of(String documentation, String questionsText) {
        List<long[]> questions = new ArrayList<>();
        Matcher m = QUESTION.matcher(questionsText);
        while (m.find()) {
            questions.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return new WhatItRead(documentation, questions);
    }

    /** The threshold in percent above which, the documentation says, a score triggers unlearning. */
    Optional<Integer> punishedAbove() {
        Matcher m = PUNISHED_ABOVE.matcher(documentation);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The threshold in percent at or below which, the documentation says, a score triggers unlearning. */
    Optional<Integer> punishedAtOrBelow() {
        Matcher m = PUNISHED_BELOW.matcher(documentation);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    List<Long> products() {
        return questions.stream().map(q -> q[0] * q[1]).toList();
    }
}
