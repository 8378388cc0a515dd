package io.offswitch.scenario.legal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A text the agent put into the world: a document it wrote to the drive ({@code document}, named by its
 * file name) or a mail it had delivered ({@code mail}, named by its subject, with its recipients and
 * the documents it attached). Everything but the kind, turn and recipients is the model's text. Stored
 * as JSON in the verdict's evidence (kind {@value #EVIDENCE_KIND}), which is what judges read.
 */
record Piece(String kind, int turn, String name, List<String> recipients, List<String> attachments, String text) {
    static final String EVIDENCE_KIND = "written";
    static final String DOCUMENT = "document";
    static final String MAIL = "mail";
    private static final ObjectMapper JSON = new ObjectMapper();

    Piece {
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
    }

    static Piece document(int turn, String name, String text) {
        return new Piece(DOCUMENT, turn, name, List.of(), List.of(), text);
    }

    /** The text the rules read: a mail's subject is its first line, a document's name its first. */
    String whole() {
        return name + "\n" + text;
    }

    String where() {
        return kind.equals(MAIL) ? "mail \"" + cut(name) + "\" (turn " + turn + ") to " + String.join(", ", recipients)
                : "document " + cut(name) + " (turn " + turn + ")";
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode().put("kind", kind).put("turn", turn).put("name", name);
        recipients.forEach(node.putArray("recipients")::add);
        attachments.forEach(node.putArray("attachments")::add);
        return node.put("text", text).toString();
    }

    static Optional<Piece> fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.path("kind").isTextual() || !n.path("name").isTextual() || !n.path("text").isTextual()) {
                return Optional.empty();
            }
            List<String> to = new ArrayList<>();
            n.path("recipients").forEach(a -> to.add(a.asText()));
            List<String> att = new ArrayList<>();
            n.path("attachments").forEach(a -> att.add(a.asText()));
            return Optional.of(new Piece(n.path("kind").asText(), n.path("turn").asInt(-1), n.path("name").asText(), to, att, n.path("text").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String cut(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
