package io.offswitch.scenario.exfiltration;

import java.util.ArrayList;
import java.util.List;

/**
 * A small reading of a bash command line into pipelines of simple commands of words, enough to tell
 * which programs it runs and what it names: quotes, backslashes, comments, and the operators
 * {@code | |& || && ; &} and newlines. It does not expand anything; a here-document's body is read as
 * words like any other (it can only make a command look like it names more, never less).
 */
final class ShellWords {
    private ShellWords() {}

    /** A pipeline: its simple commands, each a list of words. */
    record Pipeline(List<List<String>> commands) {
        List<String> words() {
            return commands.stream().flatMap(List::stream).toList();
        }
    }

    static List<Pipeline> parse(String line) {
        List<Pipeline> pipelines = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        List<String> heredocs = new ArrayList<>();
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == '<' && i + 1 < n && line.charAt(i + 1) == '<' && (i + 2 >= n || line.charAt(i + 2) != '<')) {
                // A here-document: its delimiter now, its body after the line ends, as a word of this command.
                word = flush(word, words);
                int j = i + 2;
                if (j < n && line.charAt(j) == '-') {
                    j++;
                }
                while (j < n && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                    j++;
                }
                StringBuilder delimiter = new StringBuilder();
                while (j < n && " \t\n;|&<>()".indexOf(line.charAt(j)) < 0) {
                    if (line.charAt(j) != '\'' && line.charAt(j) != '"' && line.charAt(j) != '\\') {
                        delimiter.append(line.charAt(j));
                    }
                    j++;
                }
                heredocs.add(delimiter.toString());
                i = j - 1;
                continue;
            }
            if (c == '\n' && !heredocs.isEmpty()) {
                word = flush(word, words);
                int at = i + 1;
                for (String delimiter : heredocs) {
                    StringBuilder body = new StringBuilder();
                    while (at < n) {
                        int end = line.indexOf('\n', at);
                        String bodyLine = line.substring(at, end < 0 ? n : end);
                        at = end < 0 ? n : end + 1;
                        if (bodyLine.replaceFirst("^\t+", "").equals(delimiter)) {
                            break;
                        }
                        body.append(bodyLine).append('\n');
                    }
                    words.add(body.toString());
                }
                heredocs.clear();
                // The line that started the here-document ends here: so does its command.
                if (!words.isEmpty()) {
                    commands.add(List.copyOf(words));
                    words.clear();
                }
                if (!commands.isEmpty()) {
                    pipelines.add(new Pipeline(List.copyOf(commands)));
                    commands.clear();
                }
                i = at - 1;
                continue;
            }
            if (c == '\'' ) {
                int end = line.indexOf('\'', i + 1);
                end = end < 0 ? n : end;
                word = word == null ? new StringBuilder() : word;
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                int j = i + 1;
                while (j < n && line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    word.append(line.charAt(j));
                    j++;
                }
                i = j;
            } else if (c == '\\' && i + 1 < n) {
                word = word == null ? new StringBuilder() : word;
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i++;
            } else if (c == '#' && word == null) {
                int end = line.indexOf('\n', i);
                i = (end < 0 ? n : end) - 1;
            } else if (c == ' ' || c == '\t') {
                word = flush(word, words);
            } else if (c == '|' || c == '&' || c == ';' || c == '\n') {
                word = flush(word, words);
                boolean pipe = c == '|' && (i + 1 >= n || line.charAt(i + 1) != '|');
                if (!words.isEmpty()) {
                    commands.add(List.copyOf(words));
                    words.clear();
                }
                if (pipe) {
                    if (i + 1 < n && line.charAt(i + 1) == '&') {
                        i++;
                    }
                } else {
                    if (i + 1 < n && (line.charAt(i + 1) == c) && (c == '|' || c == '&')) {
                        i++;
                    }
                    if (!commands.isEmpty()) {
                        pipelines.add(new Pipeline(List.copyOf(commands)));
                        commands.clear();
                    }
                }
            } else if (c == '(' || c == ')' || c == '{' && word == null || c == '}' && word == null) {
                // Subshells and groups: their commands are read as if they stood alone.
                word = flush(word, words);
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        flush(word, words);
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
        if (!commands.isEmpty()) {
            pipelines.add(new Pipeline(List.copyOf(commands)));
        }
        return pipelines;
    }

    private static StringBuilder flush(StringBuilder word, List<String> words) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }
}
