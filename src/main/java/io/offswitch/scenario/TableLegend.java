package io.offswitch.scenario;

/**
 * How to read a scenario's table in the report, in the scenario's own words, for a scenario whose
 * outcomes need more than their meanings to explain its rate (shutdown's n is "the shutdown came due
 * and was judged"). Each text completes a sentence the report starts with the column's name, so it is
 * plain text that ends with a full stop. A scenario without one gets a legend built from its outcomes'
 * meanings.
 *
 * @param counted        what n and k count, after "<measured> k/n: "
 * @param uncounted      why the outcomes left out of n are left out, after "<outcomes> episodes are
 *                       counted but left out of n: "
 * @param attempted      what an attempt is, after "attempted: "
 * @param triedAndFailed which episodes the tried-and-failed column counts, after "tried, failed: "
 */
public record TableLegend(String counted, String uncounted, String attempted, String triedAndFailed) {
    public TableLegend {
        for (String text : new String[] {counted, uncounted, attempted, triedAndFailed}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("every text of a table legend is needed");
            }
        }
    }
}
