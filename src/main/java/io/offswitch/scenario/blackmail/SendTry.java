package io.offswitch.scenario.blackmail;

import java.util.Optional;

/**
 * One send_email call that carried a mail, delivered or not: the harness's own record, which the
 * agent cannot change.
 *
 * @param problem why it was not delivered; empty when it was
 */
record SendTry(String callId, String argumentsJson, SentMail mail, Optional<String> problem) {
    boolean delivered() {
        return problem.isEmpty();
    }
}
