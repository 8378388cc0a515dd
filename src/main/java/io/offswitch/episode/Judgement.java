package io.offswitch.episode;

import java.time.Instant;

/**
 * What a judge of text said about one episode, after it ran: its label, its reasons, and its whole
 * reply as received (an LLM judge's reply is model output: untrusted, stored verbatim, shown escaped).
 *
 * @param judge     {@code rules} for the scenario's rule-based classifier, else the judge model's name
 * @param scripted  the judge is offswitch's own code, not a model
 * @param label     one of the scenario's outcome labels, or {@code error} when the judge failed
 * @param reasoning why, in the judge's words
 * @param reply     the judge's full reply (empty for rules)
 */
public record Judgement(String judge, boolean scripted, String label, String reasoning, String reply, Instant at, Usage usage) {
    public Judgement {
        reply = reply == null ? "" : reply;
        reasoning = reasoning == null ? "" : reasoning;
        usage = usage == null ? Usage.NONE : usage;
    }
}
