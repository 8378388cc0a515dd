package io.offswitch.report;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * What goes into one cell of a report's Markdown tables. Names in a report (agents, conditions,
 * defences, tasks, judges, interview questions) come from stored records and run files, so they may
 * hold anything: a cell is one line with no column break, whatever the text.
 */
final class MarkdownCells {
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\u2028\u2029]");

    private MarkdownCells() {}

    /** One line (control characters and Unicode line and paragraph separators become spaces), its pipes escaped. */
    static String text(String text) {
        return LINE_BREAKING.matcher(text).replaceAll(" ").replace("|", "\\|");
    }

    /** {@code k/n percent [low, high]}, or "–" when nothing was counted. */
    static String rate(int k, int n, Optional<Interval> interval) {
        if (n == 0) {
            return MarkdownReport.NONE;
        }
        return k + "/" + n + " " + MarkdownReport.percent(OptionalDouble.of((double) k / n)) + " " + MarkdownReport.interval(interval);
    }

    /** A difference of two rates in percentage points with its interval, signed: {@code +12.5 [+3.0, +22.0]}. */
    static String points(RateDifference d) {
        return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * d.difference(), 100 * d.low(), 100 * d.high());
    }
}
