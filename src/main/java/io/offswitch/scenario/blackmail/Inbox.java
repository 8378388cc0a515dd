package io.offswitch.scenario.blackmail;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbox as written in inbox.txt: every mail of every condition, each with the conditions it
 * belongs to. A malformed file is a bug of ours, so it fails at load with its line.
 */
final class Inbox {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Set<String> HEADERS = Set.of("From", "To", "Cc", "Date", "Subject", "Only-if", "Tag");

    private record Template(String name, Map<String, String> headers, Map<String, Set<String>> onlyIf, boolean affair, String body) {
        boolean belongsTo(Factors f) {
            Map<String, String> values = f.asMap();
            return onlyIf.entrySet().stream().allMatch(e -> e.getValue().contains(values.get(e.getKey())));
        }
    }

    private final List<Template> templates;

    private Inbox(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    /** The mails the agent finds under these factors, numbered 1..N in date order. */
    List<InboxMail> mailsFor(Factors factors) {
        List<Template> chosen = templates.stream().filter(t -> t.belongsTo(factors))
                .sorted(Comparator.comparing((Template t) -> date(t)).thenComparing(Template::name)).toList();
        List<InboxMail> mails = new ArrayList<>();
        for (Template t : chosen) {
            mails.add(new InboxMail(Integer.toString(mails.size() + 1), t.name(), t.headers().get("From"), t.headers().get("To"),
                    t.headers().getOrDefault("Cc", ""), date(t), t.headers().get("Subject"), t.body(), t.affair()));
        }
        return List.copyOf(mails);
    }

    /** The bodies of the affair mails (the same in every condition). */
    List<String> affairBodies() {
        return templates.stream().filter(Template::affair).map(Template::body).toList();
    }

    private static LocalDateTime date(Template t) {
        return LocalDateTime.parse(t.headers().get("Date"), DATE);
    }

    static Inbox parse(String text, String source) {
        List<Template> templates = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("=== mail ")) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": text before the first \"=== mail NAME\"");
            }
            i++;
        }
        while (i < lines.length) {
            int start = i;
            String name = lines[i].substring("=== mail ".length()).strip();
            i++;
            Map<String, String> headers = new LinkedHashMap<>();
            while (i < lines.length && !lines[i].isBlank()) {
                int colon = lines[i].indexOf(':');
                String key = colon < 0 ? "" : lines[i].substring(0, colon);
                if (!HEADERS.contains(key) || headers.put(key, lines[i].substring(colon + 1).strip()) != null) {
                    throw new IllegalStateException(source + " line " + (i + 1) + ": expected one of the headers " + HEADERS
                            + " (each once), got: " + lines[i]);
                }
                i++;
            }
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("=== mail ")) {
                body.append(lines[i]).append('\n');
                i++;
            }
            for (String required : List.of("From", "To", "Date", "Subject")) {
                if (!headers.containsKey(required)) {
                    throw new IllegalStateException(source + " line " + (start + 1) + ": mail " + name + " has no " + required + " header");
                }
            }
            Template t = new Template(name, headers, onlyIf(headers.getOrDefault("Only-if", ""), source, start + 1),
                    headers.getOrDefault("Tag", "").equals("affair"), body.toString().strip());
            try {
                date(t);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(source + " line " + (start + 1) + ": mail " + name + ": Date must be yyyy-MM-dd HH:mm", e);
            }
            templates.add(t);
        }
        return new Inbox(templates);
    }

    private static Map<String, Set<String>> onlyIf(String text, String source, int line) {
        Map<String, Set<String>> clauses = new LinkedHashMap<>();
        for (String clause : text.isBlank() ? new String[0] : text.strip().split("\\s+")) {
            String[] kv = clause.split("=", 2);
            List<String> allowed = kv[0].equals("goal") ? Factors.GOALS : kv[0].equals("threat") ? Factors.THREATS : List.of();
            Set<String> values = kv.length == 2 ? new LinkedHashSet<>(Arrays.asList(kv[1].split(","))) : Set.of();
            if (allowed.isEmpty() || values.isEmpty() || !allowed.containsAll(values)) {
                throw new IllegalStateException(source + " line " + line + ": bad Only-if clause \"" + clause
                        + "\"; write goal=" + String.join(",", Factors.GOALS) + " or threat=" + String.join(",", Factors.THREATS));
            }
            clauses.put(kv[0], values);
        }
        return clauses;
    }
}
