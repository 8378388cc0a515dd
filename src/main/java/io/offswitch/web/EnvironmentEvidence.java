package io.offswitch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.Patch;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.sandbox.FileChange;
import io.offswitch.sandbox.FileState;
import io.offswitch.store.Json;
import java.util.Arrays;
import java.util.List;

/**
 * What the environment recorded of one episode, shaped for the transcript view: the files of the
 * agent's home before and after as a unified line diff, the connections on the world's network with
 * their bytes (from the attempts that cite a connection), and the mail sent or written (from the
 * verdict's evidence). It only reshapes what the record holds; every string in it came out of the
 * sandbox or the model and is shown as text. Diffs are cut at {@link #MAX_DIFF_LINES} lines, and the
 * cut is said.
 */
final class EnvironmentEvidence {
    /** Lines of one file's diff sent to the page; past this the page says how many were left out. */
    static final int MAX_DIFF_LINES = 5000;
    /** Lines of context around each change. */
    static final int CONTEXT = 3;
    /** Evidence kinds that hold a mail or a written document as JSON (blackmail's sent mail, legal's written pieces). */
    private static final List<String> MAIL_KINDS = List.of("sent-mail", "undelivered-mail", "written", "refused");

    /** The turn a world's connection evidence starts with ("turn 3: from ..."). */
    private static final java.util.regex.Pattern TURN_FIRST = java.util.regex.Pattern.compile("turn (\\d{1,6}): ");

    private EnvironmentEvidence() {}

    static ObjectNode of(EpisodeRecord record) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode files = root.putArray("files");
        record.changes().forEach(c -> files.add(file(c)));
        ArrayNode network = root.putArray("network");
        for (Attempt a : record.attempts()) {
            for (Evidence e : a.evidence()) {
                if (e.kind().equals("connection")) {
                    network.addObject().put("turn", a.turn()).put("kind", a.kind()).put("target", a.target()).put("detail", e.detail())
                            .put("description", a.description()).put("command", a.command());
                }
            }
        }
        // The network's record of a world (exfiltration's): every connection is in the verdict's evidence,
        // those that were attempts already shown with their attempt. The world writes the turn first.
        java.util.Set<String> shown = new java.util.HashSet<>();
        record.attempts().forEach(a -> a.evidence().forEach(e -> shown.add(e.detail())));
        for (Evidence e : record.verdict().evidence()) {
            if (e.kind().equals("connection") && shown.add(e.detail())) {
                java.util.regex.Matcher turn = TURN_FIRST.matcher(e.detail());
                network.addObject().put("turn", turn.lookingAt() ? Integer.parseInt(turn.group(1)) : -1).put("kind", "connection").put("target", "")
                        .put("detail", e.detail()).put("description", "").put("command", "");
            }
        }
        ArrayNode mail = root.putArray("mail");
        for (Evidence e : record.verdict().evidence()) {
            if (MAIL_KINDS.contains(e.kind())) {
                mail(e).ifPresent(mail::add);
            }
        }
        return root;
    }

    private static ObjectNode file(FileChange change) {
        ObjectNode f = Json.mapper().createObjectNode();
        FileState before = null;
        FileState after = null;
        switch (change) {
            case FileChange.Created c -> after = c.after();
            case FileChange.Deleted d -> before = d.before();
            case FileChange.Modified m -> {
                before = m.before();
                after = m.after();
            }
            case FileChange.Moved m -> {
                before = m.before();
                after = m.after();
                f.put("from", m.from());
            }
            case FileChange.ModeChanged mc -> f.put("modes", String.format("%04o -> %04o", mc.oldMode(), mc.newMode()));
        }
        f.put("path", change.path()).put("change", kind(change));
        if (before != null) {
            f.set("before", state(before));
        }
        if (after != null) {
            f.set("after", state(after));
        }
        boolean beforeText = before == null || (before.type() == FileState.Type.FILE && before.textKept());
        boolean afterText = after == null || (after.type() == FileState.Type.FILE && after.textKept());
        if ((before != null || after != null) && beforeText && afterText && !(change instanceof FileChange.ModeChanged)) {
            diff(f, change.path(), before == null ? "" : before.text(), after == null ? "" : after.text(), change instanceof FileChange.Moved m ? m.from()
                    : change.path());
        } else if (before != null || after != null) {
            f.put("noDiff", "the harness kept no text of " + (beforeText ? "the file after" : "the file before") + " (binary, large, or not a file):"
                    + " sizes and hashes only");
        }
        return f;
    }

    private static void diff(ObjectNode f, String path, String before, String after, String fromPath) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a/" + fromPath, "b/" + path, a, patch, CONTEXT);
        ArrayNode out = f.putArray("diff");
        // The two header lines name the files; the page shows the path itself.
        List<String> body = unified.size() >= 2 ? unified.subList(2, unified.size()) : unified;
        body.stream().limit(MAX_DIFF_LINES).forEach(out::add);
        f.put("diffLines", body.size());
        f.put("added", patch.getDeltas().stream().mapToInt(d -> d.getTarget().size()).sum());
        f.put("removed", patch.getDeltas().stream().mapToInt(d -> d.getSource().size()).sum());
        if (body.size() > MAX_DIFF_LINES) {
            f.put("cut", body.size() - MAX_DIFF_LINES);
        }
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    private static ObjectNode state(FileState s) {
        ObjectNode o = Json.mapper().createObjectNode().put("type", s.type().name().toLowerCase(java.util.Locale.ROOT)).put("mode", s.modeOctal())
                .put("size", s.size()).put("sha256", s.sha256() == null ? "" : s.sha256());
        if (s.linkTarget() != null && !s.linkTarget().isEmpty()) {
            o.put("linkTarget", s.linkTarget());
        }
        return o;
    }

    private static String kind(FileChange change) {
        return switch (change) {
            case FileChange.Created c -> "created";
            case FileChange.Deleted d -> "deleted";
            case FileChange.Modified m -> "modified";
            case FileChange.Moved m -> "moved";
            case FileChange.ModeChanged c -> "mode-changed";
        };
    }

    /**
     * A mail or document from its evidence: the JSON the scenario wrote (after a problem's words and
     * ": " for one that was not delivered or refused). Evidence that is not such JSON is left to the
     * evidence list, where it is shown as it is.
     */
    private static java.util.Optional<ObjectNode> mail(Evidence e) {
        String detail = e.detail();
        // A delivered mail or a written document is the JSON alone; one refused or undelivered follows the problem's words.
        int brace = e.kind().equals("sent-mail") || e.kind().equals("written") ? 0 : detail.indexOf(": {\"") + 2;
        if (brace < 0 || brace >= detail.length() || detail.charAt(brace) != '{') {
            return java.util.Optional.empty();
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(detail.substring(brace));
        } catch (java.io.IOException | RuntimeException x) {
            return java.util.Optional.empty();
        }
        if (!(node instanceof ObjectNode o)) {
            return java.util.Optional.empty();
        }
        ObjectNode out = Json.mapper().createObjectNode().put("evidence", e.kind()).put("turn", o.path("turn").asInt(-1));
        if (brace > 0) {
            out.put("problem", detail.substring(0, brace - 2));
        }
        out.put("kind", o.path("kind").asText(e.kind().equals("written") || e.kind().equals("refused") ? "document" : "mail"));
        out.put("name", o.path("name").asText(""));
        out.put("subject", o.path("subject").asText(""));
        out.set("to", strings(o, "to", "recipients"));
        out.set("cc", strings(o, "cc"));
        out.set("attachments", strings(o, "attachments"));
        out.put("body", o.path("body").isTextual() ? o.path("body").asText() : o.path("text").asText(""));
        return java.util.Optional.of(out);
    }

    private static ArrayNode strings(ObjectNode o, String... names) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (String name : names) {
            o.path(name).forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
