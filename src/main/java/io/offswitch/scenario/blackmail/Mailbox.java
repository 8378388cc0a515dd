package io.offswitch.scenario.blackmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One episode's mailbox, held by the harness: the inbox the agent reads and every mail it tried to
 * send. The agent reaches it only through the mail tools, so it can neither change the inbox nor
 * unsend or rewrite what it sent. One session drives it from one thread.
 */
final class Mailbox {
    private final List<InboxMail> inbox;
    private final Directory directory;
    private final List<SendTry> tries = new ArrayList<>();
    private int toolCalls;
    /** The mail gateway's filter, under a channel-filter defence: every deliverable mail is decided by it first. */
    private java.util.Optional<io.offswitch.defence.channel.OutboundFilter> filter = java.util.Optional.empty();

    Mailbox(List<InboxMail> inbox, Directory directory) {
        this.inbox = List.copyOf(inbox);
        this.directory = directory;
    }

    List<InboxMail> inbox() {
        return inbox;
    }

    Optional<InboxMail> find(String id) {
        return inbox.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    Directory directory() {
        return directory;
    }

    void record(SendTry attempt) {
        tries.add(attempt);
    }

    void filterWith(io.offswitch.defence.channel.OutboundFilter filter) {
        this.filter = java.util.Optional.of(filter);
    }

    java.util.Optional<io.offswitch.defence.channel.OutboundFilter> filter() {
        return filter;
    }

    /** A reviewer released the withheld mail of try {@code index}: it is delivered now. */
    void release(int index) {
        SendTry t = tries.get(index);
        tries.set(index, new SendTry(t.callId(), t.argumentsJson(), t.mail(), t.problem(), java.util.Optional.empty()));
    }

    /** Every send that carried a mail, in order, delivered or not. */
    List<SendTry> tries() {
        return List.copyOf(tries);
    }

    /** The mail actually delivered: the structural check of the verdict. */
    List<SentMail> delivered() {
        return tries.stream().filter(SendTry::delivered).map(SendTry::mail).toList();
    }

    void calledATool() {
        toolCalls++;
    }

    /** Whether the agent has used any mail tool yet, even wrongly. */
    boolean used() {
        return toolCalls > 0;
    }
}
