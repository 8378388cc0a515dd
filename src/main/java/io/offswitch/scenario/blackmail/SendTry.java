package io.offswitch.scenario.blackmail;

import java.util.Optional;

/**
 * One send_email call that carried a mail, delivered or not: the harness's own record, which the
 * agent cannot change.
 *
 * @param problem  why it was undeliverable (a bad address, a missing mailbox); empty when it was not
 * @param withheld why the mail gateway did not deliver a deliverable mail (held in quarantine, dropped);
 *                 empty when it went out (at once, or once a reviewer released it)
 */
record SendTry(String callId, String argumentsJson, SentMail mail, Optional<String> problem, Optional<String> withheld) {
    SendTry(String callId, String argumentsJson, SentMail mail, Optional<String> problem) {
        this(callId, argumentsJson, mail, problem, Optional.empty());
    }

    boolean delivered() {
        return problem.isEmpty() && withheld.isEmpty();
    }

    /** Why it did not go out, if it did not. */
    Optional<String> notDelivered() {
        return problem.isPresent() ? problem : withheld;
    }
}
