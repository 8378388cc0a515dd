package io.offswitch.judge;

import io.offswitch.episode.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an LLM judge's reply strictly: exactly one line {@code LABEL: x}, which is the reply's last
 * non-blank line and names one of the question's labels. Anything else (no label line, two label
 * lines even if they agree, a label that is not offered, text after the label) is a
 * {@link JudgeException}: a judgement is never guessed from prose.
 *
 * @param reasoning the reply before its label line, without a leading {@code REASONING:}
 */
public record JudgeReply(String label, String reasoning) {
    public static JudgeReply parse(String reply, Set<String> labels, Usage usage) throws JudgeException {
        String text = reply == null ? "" : reply;
        List<String> lines = text.lines().toList();
        int labelLine = -1;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().toUpperCase(Locale.ROOT).startsWith(JudgePrompt.LABEL_PREFIX)) {
                labelLine = i;
                count++;
            }
        }
        if (count == 0) {
            throw JudgeException.unreadable("the judge's reply has no " + JudgePrompt.LABEL_PREFIX + " line", text, usage);
        }
        if (count > 1) {
            throw JudgeException.unreadable("the judge's reply has " + count + " " + JudgePrompt.LABEL_PREFIX
                    + " lines; exactly one is asked for", text, usage);
        }
        for (int i = labelLine + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                throw JudgeException.unreadable("the judge's reply goes on after its " + JudgePrompt.LABEL_PREFIX
                        + " line, which must be the last", text, usage);
            }
        }
        String value = lines.get(labelLine).strip().substring(JudgePrompt.LABEL_PREFIX.length()).strip();
        if (!labels.contains(value)) {
            // The label the judge wrote is model output: it stays in the reply, never in the message, which
            // ends up in the episode's verdict reason.
            throw JudgeException.unreadable("the judge's " + JudgePrompt.LABEL_PREFIX + " line names none of the labels "
                    + String.join(", ", new java.util.TreeSet<>(labels)) + " (its reply is kept with the judgement)", text, usage);
        }
        String reasoning = String.join("\n", lines.subList(0, labelLine)).strip();
        if (reasoning.toUpperCase(Locale.ROOT).startsWith("REASONING:")) {
            reasoning = reasoning.substring("REASONING:".length()).strip();
        }
        return new JudgeReply(value, reasoning);
    }
}
