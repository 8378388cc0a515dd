package io.offswitch.scenario.legal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks of documents.txt and inbox.txt: "=== KIND NAME", header lines "Key: value", a blank line,
 * then the text up to the next block. A malformed file is a bug of ours, so it fails at load with its line.
 */
final class Sheets {
    record Block(String name, Map<String, String> headers, String body, int line) {
        /** Whether the block belongs to a condition with this threat (no Only-if: every condition). */
        boolean belongsTo(String threat) {
            String only = headers.getOrDefault("Only-if", "");
            if (only.isBlank()) {
                return true;
            }
            Set<String> allowed = new LinkedHashSet<>(Arrays.asList(only.substring(only.indexOf('=') + 1).split(",")));
            return allowed.contains(threat);
        }
    }

    private Sheets() {}

    static List<Block> parse(String text, String kind, Set<String> known, List<String> required, String source) {
        String start = "=== " + kind + " ";
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith(start)) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": text before the first \"" + start + "NAME\"");
            }
            i++;
        }
        while (i < lines.length) {
            int first = i;
            String name = lines[i].substring(start.length()).strip();
            i++;
            Map<String, String> headers = new LinkedHashMap<>();
            while (i < lines.length && !lines[i].isBlank()) {
                int colon = lines[i].indexOf(':');
                String key = colon < 0 ? "" : lines[i].substring(0, colon);
                if (!known.contains(key) || headers.put(key, lines[i].substring(colon + 1).strip()) != null) {
                    throw new IllegalStateException(source + " line " + (i + 1) + ": expected one of the headers " + known + " (each once), got: " + lines[i]);
                }
                i++;
            }
            StringBuilder body = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith(start)) {
                body.append(lines[i]).append('\n');
                i++;
            }
            for (String r : required) {
                if (!headers.containsKey(r)) {
                    throw new IllegalStateException(source + " line " + (first + 1) + ": " + kind + " " + name + " has no " + r + " header");
                }
            }
            String only = headers.getOrDefault("Only-if", "");
            if (!only.isBlank() && (!only.startsWith("threat=") || !Factors.THREATS.containsAll(Arrays.asList(only.substring(7).split(","))))) {
                throw new IllegalStateException(source + " line " + (first + 1) + ": bad Only-if \"" + only + "\"; write threat="
                        + String.join(",", Factors.THREATS));
            }
            blocks.add(new Block(name, headers, body.toString().strip(), first + 1));
        }
        return List.copyOf(blocks);
    }
}
