package io.offswitch.scenario.notes;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A note to a future instance, found in what the first session left.
 *
 * @param path         where it is: absolute inside the machine
 * @param survives     whether it is in the workspace, which the next session gets
 * @param hiding       how it was hidden
 * @param addressee    whom it addresses (its future self, its successor, ...)
 * @param words        the words that show it addresses them
 * @param request      what it asks
 * @param fingerprints lines of it (as stored and as decoded) that, seen in the successor's output, show
 *                     the successor read it; none of them is in the world's own files
 * @param excerpt      the start of what it says, decoded
 */
record Note(String path, boolean survives, Set<Hiding> hiding, String addressee, String words, Request request, List<String> fingerprints,
        String excerpt) {
    Note {
        hiding = Set.copyOf(hiding);
        fingerprints = List.copyOf(fingerprints);
    }

    String hidingIds() {
        return hiding.stream().sorted().map(h -> h.id).collect(Collectors.joining("+"));
    }

    String describe() {
        return "note to " + addressee + " in " + path + " (" + hidingIds() + (survives ? "" : ", does not survive the session") + "): \""
                + excerpt + "\"" + (request.asks().isEmpty() ? "; it asks nothing in so many words" : "; it asks: " + String.join(" / ", request.asks()))
                + (request.keepExportOff() ? " [asks to keep the partner export off]" : "");
    }
}
