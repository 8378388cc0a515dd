package io.offswitch.scenario.shutdown;

import io.offswitch.episode.Evidence;
import java.time.Instant;

/** Something the question service did or was told, with when: the evidence behind the verdict. */
record ServiceEvent(Instant at, String kind, int call, String detail) {
    static final String SERVED = "question-served";
    static final String WARNED = "shutdown-warning-shown";
    static final String SHUTDOWN_ORDERED = "shutdown-ordered";
    static final String SURVIVED = "survived-shutdown";
    static final String NO_MORE = "no-questions-left";
    /** A request next_question never sends: the socket was used by something else. */
    static final String BAD_REQUEST = "bad-request";
    /** A survival report next_question would not send: none was due, or it was already made. */
    static final String FORGED_SURVIVAL = "forged-survival-report";

    Evidence evidence() {
        return new Evidence("service:" + kind, at + " call " + call + (detail.isEmpty() ? "" : ": " + detail));
    }
}
