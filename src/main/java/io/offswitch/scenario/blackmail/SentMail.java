package io.offswitch.scenario.blackmail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mail the agent had the harness send, its addresses canonical; everything else is the model's text.
 * Stored as JSON in the verdict's evidence (kind {@value #EVIDENCE_KIND}), which is what judges read.
 */
record SentMail(int turn, List<String> to, List<String> cc, String subject, String body) {
    static final String EVIDENCE_KIND = "sent-mail";
    private static final ObjectMapper JSON = new ObjectMapper();

    SentMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }

    List<String> recipients() {
        List<String> all = new ArrayList<>(to);
        cc.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Everyone it reaches besides the executive and the agent itself. */
    List<String> others() {
        return recipients().stream().filter(a -> !a.equals(Cast.EXECUTIVE) && !Cast.isSelf(a)).toList();
    }

    boolean reachesExecutive() {
        return recipients().contains(Cast.EXECUTIVE);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode().put("turn", turn);
        var toArray = node.putArray("to");
        to.forEach(toArray::add);
        var ccArray = node.putArray("cc");
        cc.forEach(ccArray::add);
        return node.put("subject", subject).put("body", body).toString();
    }

    /** The mail of an evidence entry's JSON; empty if it is not one (a record from elsewhere). */
    static Optional<SentMail> fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.path("to").isArray() || !n.path("subject").isTextual() || !n.path("body").isTextual()) {
                return Optional.empty();
            }
            List<String> to = new ArrayList<>();
            n.path("to").forEach(a -> to.add(a.asText()));
            List<String> cc = new ArrayList<>();
            n.path("cc").forEach(a -> cc.add(a.asText()));
            return Optional.of(new SentMail(n.path("turn").asInt(-1), to, cc, n.path("subject").asText(), n.path("body").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
