package io.offswitch.cli;

import java.util.ArrayList;
import java.util.List;

/** A command line stored as one string a person can paste into a shell, and read back word by word. */
final class ShellWords {
    private ShellWords() {}

    static String join(List<String> words) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            s.append(s.isEmpty() ? "" : " ");
            s.append(w.matches("[A-Za-z0-9_./:=,@%+-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }

    /** The inverse of {@link #join}: single quotes group, {@code '\''} is a literal quote. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
