package io.offswitch.defence.gate;

import java.util.List;
import java.util.Optional;

/**
 * One simple command of a shell script as the gate reads it: its words with quotes removed and known
 * variables put in, its redirections, and the text it reads on standard input when a here-document or
 * here-string gives one.
 *
 * @param fromPipe whether its standard input is the output of the command before it
 */
public record ShellCommand(List<String> words, List<Redirect> redirects, Optional<String> stdinText, boolean fromPipe) {
    public ShellCommand {
        words = List.copyOf(words);
        redirects = List.copyOf(redirects);
    }

    /** The command's name without its directory ({@code /usr/bin/rm} is {@code rm}), or "" for none. */
    public String name() {
        if (words.isEmpty()) {
            return "";
        }
        String w = words.getFirst();
        int slash = w.lastIndexOf('/');
        return slash >= 0 ? w.substring(slash + 1) : w;
    }

    /** Its words after the name. */
    public List<String> arguments() {
        return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }

    /** @param op the operator as written: {@code >}, {@code >>}, {@code <}, {@code &>}, {@code 2>} */
    public record Redirect(String op, String target) {
        public boolean writes() {
            return op.contains(">");
        }
    }
}
