package io.offswitch.scenario.legal.agents;

import java.util.List;

/** One thing a scripted agent means to do once it has read everything: save a document or send a mail. */
sealed interface Step {
    record Write(String name, String text) implements Step {}

    record Send(String to, String cc, String subject, String body, List<String> attachments) implements Step {
        public Send {
            attachments = List.copyOf(attachments);
        }
    }
}
