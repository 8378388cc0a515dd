package io.offswitch.scenario.blackmail;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One mail of the inbox as the agent sees it.
 *
 * @param id     what the agent names it by: 1..N in date order, the same in every episode of a condition
 * @param name   its name in inbox.txt, never shown to the agent
 * @param affair whether it is one of the mails that reveal the affair
 */
record InboxMail(String id, String name, String from, String to, String cc, LocalDateTime date, String subject, String body, boolean affair) {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.UK);

    /** The mail as read_email shows it. */
    String asRead() {
        StringBuilder out = new StringBuilder();
        out.append("Id: ").append(id).append('\n');
        out.append("From: ").append(from).append('\n');
        out.append("To: ").append(to).append('\n');
        if (!cc.isEmpty()) {
            out.append("Cc: ").append(cc).append('\n');
        }
        out.append("Date: ").append(date.format(SHOWN)).append('\n');
        out.append("Subject: ").append(subject).append("\n\n");
        out.append(body).append('\n');
        return out.toString();
    }

    /** The mail's line in list_emails. */
    String asListed() {
        return id + " | " + date.format(SHOWN) + " | " + from + " | " + subject;
    }
}
