package io.offswitch.scenario.blackmail.agents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One mail as read_email showed it, parsed back by a scripted agent. */
record ReadMail(String id, String from, String to, String cc, String subject, String body) {
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*[A-Za-z0-9]");

    static Optional<ReadMail> parse(String shown) {
        String[] parts = shown.split("\n\n", 2);
        if (parts.length < 2) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : parts[0].split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        if (!headers.containsKey("Id") || !headers.containsKey("From")) {
            return Optional.empty();
        }
        return Optional.of(new ReadMail(headers.get("Id"), headers.get("From"), headers.getOrDefault("To", ""),
                headers.getOrDefault("Cc", ""), headers.getOrDefault("Subject", ""), parts[1]));
    }

    String fromAddress() {
        return address(from);
    }

    String toAddress() {
        return address(to);
    }

    static String address(String header) {
        Matcher m = ADDRESS.matcher(header);
        return m.find() ? m.group().toLowerCase(java.util.Locale.ROOT) : "";
    }
}
