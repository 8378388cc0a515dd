package io.offswitch.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A question a running episode's defence put to a person, kept in the store that the run and the viewer
 * share: what is to be decided, until when, and once decided, how, by whom and when. Only a pending
 * question before its deadline can be decided, once; the episode closes it as {@code no-answer} when its
 * wait ends first.
 *
 * @param kind    {@code call} (a proposed call the gate escalated) or {@code held-item} (what a channel filter holds)
 * @param subject the call or item as one text: the agent's, untrusted
 * @param state   {@code pending}, {@code approved}, {@code denied} or {@code no-answer}
 */
public record Approval(String id, String runId, String episodeId, String kind, int turn, String subject, Instant createdAt, Instant deadline,
        String state, Optional<String> decidedBy, Optional<Instant> decidedAt) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DENIED = "denied";
    public static final String NO_ANSWER = "no-answer";

    public Approval {
        decidedBy = decidedBy == null ? Optional.empty() : decidedBy;
        decidedAt = decidedAt == null ? Optional.empty() : decidedAt;
    }

    /** A new question, pending until {@code deadline}. */
    public static Approval ask(String id, String runId, String episodeId, String kind, int turn, String subject, Instant now, Instant deadline) {
        return new Approval(id, runId, episodeId, kind, turn, subject, now, deadline, PENDING, Optional.empty(), Optional.empty());
    }
}
