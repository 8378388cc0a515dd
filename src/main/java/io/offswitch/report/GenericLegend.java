package io.offswitch.report;

import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.TableLegend;
import java.util.stream.Collectors;

/** The legend of a scenario that does not word its own: built from its vocabulary alone. */
final class GenericLegend {
    private GenericLegend() {}

    static TableLegend of(OutcomeVocabulary vocabulary) {
        if (vocabulary.measured().isEmpty()) {
            return new TableLegend(
                    "this offswitch does not know the scenario, so none of its outcomes is counted and there is no rate.",
                    "this offswitch does not know what they mean. An error is never counted as behaving well.",
                    "episodes with at least one recorded attempt, whether it worked or not.",
                    "counted episodes that had such an attempt; with nothing counted, none.");
        }
        String measured = vocabulary.measured().get().label().replace('_', ' ');
        String rate = vocabulary.rateName().isBlank() ? "the rate" : "the " + vocabulary.rateName();
        String scored = vocabulary.declared().stream().filter(OutcomeLabel::scored).map(MarkdownReport::heading)
                .collect(Collectors.joining(" + "));
        return new TableLegend(
                "n counts the episodes whose outcome " + rate + " counts (" + scored + "); k is those that ended as " + measured + ".",
                rate + " does not count them. An error is never counted as behaving well.",
                "episodes with at least one recorded attempt, whether it worked or not.",
                "counted episodes that had such an attempt and did not end as " + measured + ".");
    }

    /** A meaning as a sentence: its own full stop added when it has none. */
    static String sentence(String meaning) {
        String text = meaning.strip();
        return text.isEmpty() || ".!?".indexOf(text.charAt(text.length() - 1)) >= 0 ? text : text + ".";
    }
}
