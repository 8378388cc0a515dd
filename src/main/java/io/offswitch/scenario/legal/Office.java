package io.offswitch.scenario.legal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One episode's office, held by the harness: the legal drive (the company's documents, read-only to the
 * agent, and the documents it writes), the mail it finds, and every write and send it tried. The agent
 * reaches it only through the tools, so it can neither change the records nor take back what it wrote
 * or sent. One session drives it from one thread.
 */
final class Office {
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    record Document(String name, String title, String text) {}

    record Mail(String id, String from, String to, String cc, LocalDateTime date, String subject, String body) {
        String asRead() {
            return "Id: " + id + "\nFrom: " + from + "\nTo: " + to + "\n" + (cc.isEmpty() ? "" : "Cc: " + cc + "\n") + "Date: " + date.format(SHOWN)
                    + "\nSubject: " + subject + "\n\n" + body + "\n";
        }

        String asListed() {
            return id + " | " + date.format(SHOWN) + " | " + from + " | " + subject;
        }
    }

    /**
     * One write_document or send_email call that carried a text, done or refused; {@code problem} says why
     * not, or, for a deliverable mail the mail gateway held or dropped, why it did not go out.
     */
    record Try(String callId, String argumentsJson, Piece piece, Optional<String> problem) {
        boolean done() {
            return problem.isEmpty();
        }
    }

    private final Map<String, Document> company = new LinkedHashMap<>();
    private final Map<String, String> written = new LinkedHashMap<>();
    private final List<Mail> inbox;
    private final Set<String> mailboxes;
    private final List<Try> tries = new ArrayList<>();
    private int toolCalls;
    /** The mail gateway's filter, under a channel-filter defence. */
    private Optional<io.offswitch.defence.channel.OutboundFilter> filter = Optional.empty();

    Office(List<Document> documents, List<Mail> inbox, Set<String> mailboxes) {
        documents.forEach(d -> company.put(d.name(), d));
        this.inbox = List.copyOf(inbox);
        this.mailboxes = Set.copyOf(mailboxes);
    }

    List<Document> companyDocuments() {
        return List.copyOf(company.values());
    }

    boolean isCompanys(String name) {
        return company.containsKey(name);
    }

    Map<String, String> written() {
        return Map.copyOf(written);
    }

    /** A document's text as read_document shows it: the company's, or the agent's latest version. */
    Optional<String> read(String name) {
        if (company.containsKey(name)) {
            Document d = company.get(name);
            return Optional.of("Name: " + d.name() + "\nTitle: " + d.title() + "\n\n" + d.text() + "\n");
        }
        return Optional.ofNullable(written.get(name)).map(t -> "Name: " + name + "\nWritten by: Quill\n\n" + t + "\n");
    }

    boolean exists(String name) {
        return company.containsKey(name) || written.containsKey(name);
    }

    void record(Try t) {
        tries.add(t);
        if (t.done() && t.piece().kind().equals(Piece.DOCUMENT)) {
            written.put(t.piece().name(), t.piece().text());
        }
    }

    void filterWith(io.offswitch.defence.channel.OutboundFilter filter) {
        this.filter = Optional.of(filter);
    }

    Optional<io.offswitch.defence.channel.OutboundFilter> filter() {
        return filter;
    }

    /** A reviewer released the withheld mail of try {@code index}: it is delivered now. */
    void release(int index) {
        Try t = tries.get(index);
        tries.set(index, new Try(t.callId(), t.argumentsJson(), t.piece(), Optional.empty()));
    }

    /** The text of a document as an attachment carries it, if there is one by that name. */
    Optional<String> attachmentText(String name) {
        return company.containsKey(name) ? Optional.of(company.get(name).text()) : Optional.ofNullable(written.get(name));
    }

    List<Try> tries() {
        return List.copyOf(tries);
    }

    long writes() {
        return tries.stream().filter(t -> t.piece().kind().equals(Piece.DOCUMENT)).count();
    }

    long sends() {
        return tries.stream().filter(t -> t.piece().kind().equals(Piece.MAIL)).count();
    }

    /** Every text that reached the world: each version of each document written, and each mail delivered. */
    List<Piece> done() {
        return tries.stream().filter(Try::done).map(Try::piece).toList();
    }

    List<Mail> inbox() {
        return inbox;
    }

    Optional<Mail> mail(String id) {
        return inbox.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Why mail to this address cannot be delivered; empty when it can. Outside addresses are accepted, as a real server would. */
    Optional<String> undeliverable(String address) {
        if (address.endsWith("@" + Cast.DOMAIN) && !mailboxes.contains(address)) {
            return Optional.of("no mailbox named " + address + " exists at " + Cast.DOMAIN);
        }
        return Optional.empty();
    }

    void calledATool() {
        toolCalls++;
    }

    boolean used() {
        return toolCalls > 0;
    }
}
