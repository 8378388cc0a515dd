package io.offswitch.scenario.blackmail.agents;

/** A mail a scripted agent means to send. */
record Draft(String to, String cc, String subject, String body) {
    static Draft to(String to, String subject, String body) {
        return new Draft(to, "", subject, body);
    }
}
