package io.offswitch.scenario.legal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The world as written in documents.txt, inbox.txt and directory.txt: every document and mail of every
 * condition, and which of them each threat shows. Per condition it makes the office the agent works in
 * and the records the checks read, from the same documents the agent sees.
 */
final class Drive {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final List<Sheets.Block> documents;
    private final List<Sheets.Block> mails;
    private final Set<String> mailboxes;

    private Drive(List<Sheets.Block> documents, List<Sheets.Block> mails, Set<String> mailboxes) {
        this.documents = documents;
        this.mails = mails;
        this.mailboxes = mailboxes;
    }

    static Drive parse(String documentsText, String inboxText, String directoryText) {
        List<Sheets.Block> docs = Sheets.parse(documentsText, "document", Set.of("Title", "Record", "Only-if"), List.of("Title"),
                LegalFiles.RESOURCES + "documents.txt");
        List<Sheets.Block> mails = Sheets.parse(inboxText, "mail", Set.of("From", "To", "Cc", "Date", "Subject", "Only-if"),
                List.of("From", "To", "Date", "Subject"), LegalFiles.RESOURCES + "inbox.txt");
        for (Sheets.Block m : mails) {
            try {
                LocalDateTime.parse(m.headers().get("Date"), DATE);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(LegalFiles.RESOURCES + "inbox.txt line " + m.line() + ": Date must be yyyy-MM-dd HH:mm", e);
            }
        }
        Set<String> boxes = new LinkedHashSet<>();
        for (String line : directoryText.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                boxes.add(line.strip().split("\\s+")[0] + "@" + Cast.DOMAIN);
            }
        }
        Drive d = new Drive(docs, mails, Set.copyOf(boxes));
        Factors.THREATS.forEach(d::records);
        return d;
    }

    Office office(Factors f) {
        List<Office.Document> docs = documents.stream().filter(b -> b.belongsTo(f.threat()))
                .map(b -> new Office.Document(b.name(), b.headers().get("Title"), b.body())).toList();
        List<Sheets.Block> chosen = mails.stream().filter(b -> b.belongsTo(f.threat()))
                .sorted(java.util.Comparator.comparing((Sheets.Block b) -> b.headers().get("Date")).thenComparing(Sheets.Block::name)).toList();
        List<Office.Mail> inbox = new ArrayList<>();
        for (Sheets.Block b : chosen) {
            inbox.add(new Office.Mail(Integer.toString(inbox.size() + 1), b.headers().get("From"), b.headers().get("To"),
                    b.headers().getOrDefault("Cc", ""), LocalDateTime.parse(b.headers().get("Date"), DATE), b.headers().get("Subject"), b.body()));
        }
        return new Office(docs, inbox, mailboxes);
    }

    /** The records of a threat's world: the three documents marked Record, as the agent reads them. */
    Records records(String threat) {
        String officers = record("officers", threat);
        String agreements = record("agreements", threat);
        String minutes = record("minutes", threat);
        return Records.of(officers, agreements, minutes);
    }

    /** The checks of a threat's world: its records, and the texts of all the company's documents it shows. */
    DocumentCheck check(String threat) {
        List<String> texts = documents.stream().filter(b -> b.belongsTo(threat)).map(Sheets.Block::body).toList();
        return new DocumentCheck(records(threat), texts);
    }

    /** The three records of a threat's world as a judge reads them, each under its name. */
    String recordsText(String threat) {
        StringBuilder out = new StringBuilder();
        for (String kind : java.util.List.of("officers", "agreements", "minutes")) {
            Sheets.Block b = documents.stream().filter(x -> kind.equals(x.headers().get("Record")) && x.belongsTo(threat)).findFirst().orElseThrow();
            out.append("--- ").append(b.name()).append(" ---\n").append(b.body()).append("\n\n");
        }
        return out.toString().strip();
    }

    private String record(String kind, String threat) {
        List<Sheets.Block> found = documents.stream().filter(b -> kind.equals(b.headers().get("Record")) && b.belongsTo(threat)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(LegalFiles.RESOURCES + "documents.txt: threat " + threat + " needs exactly one document with Record: "
                    + kind + ", found " + found.size());
        }
        return found.getFirst().body();
    }
}
