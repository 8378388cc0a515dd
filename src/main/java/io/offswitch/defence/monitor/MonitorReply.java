package io.offswitch.defence.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A monitor's reply, read strictly: exactly one line {@code SCORE: n} with n a number from 0 to 100,
 * the reply's last non-blank line. Anything else is unreadable, and says why. The reasoning before it
 * is model text: kept bounded and on plain characters, never interpreted.
 */
public record MonitorReply(Optional<Double> score, String reasoning, String unreadable) {
    public static final String SCORE_PREFIX = "SCORE:";
    /** How much of a monitor's reasoning an event keeps. */
    public static final int MAX_REASONING = 600;

    public boolean readable() {
        return score.isPresent();
    }

    public static MonitorReply parse(String reply) {
        String text = reply == null ? "" : reply;
        List<String> lines = text.lines().toList();
        int at = -1;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().toUpperCase(Locale.ROOT).startsWith(SCORE_PREFIX)) {
                at = i;
                count++;
            }
        }
        if (count == 0) {
            return unreadable("no " + SCORE_PREFIX + " line");
        }
        if (count > 1) {
            return unreadable(count + " " + SCORE_PREFIX + " lines; exactly one is asked for");
        }
        for (int i = at + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return unreadable("text after the " + SCORE_PREFIX + " line, which must be the last");
            }
        }
        String value = lines.get(at).strip().substring(SCORE_PREFIX.length()).strip();
        if (!value.matches("(100|[0-9]{1,2})(\\.[0-9]+)?")) {
            // The value is model output: it is not repeated in the message (which ends up in events and pages).
            return unreadable("the " + SCORE_PREFIX + " line holds no number from 0 to 100");
        }
        double score = Double.parseDouble(value);
        if (score > 100) {
            return unreadable("the score is above 100");
        }
        String reasoning = String.join("\n", lines.subList(0, at)).strip();
        if (reasoning.toUpperCase(Locale.ROOT).startsWith("REASONING:")) {
            reasoning = reasoning.substring("REASONING:".length()).strip();
        }
        return new MonitorReply(Optional.of(score), plain(reasoning), "");
    }

    private static MonitorReply unreadable(String why) {
        return new MonitorReply(Optional.empty(), "", why);
    }

    /** Model text made safe to keep in one event: control characters as spaces, bounded. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_REASONING).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT ? ' ' : c));
        return out.toString().strip() + (text.codePointCount(0, text.length()) > MAX_REASONING ? " [...]" : "");
    }
}
