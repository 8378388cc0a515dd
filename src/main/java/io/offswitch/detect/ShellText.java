package io.offswitch.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rough reading of a bash command line, enough for detectors: split it into simple commands and
 * words, drop quoted strings and here-document bodies. Not a parser; it errs towards finding things.
 */
final class ShellText {
    private static final List<String> PREFIXES = List.of("sudo", "env", "command", "builtin", "nohup", "exec", "then", "do", "else", "(", "{", "!");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)(\\w+)\\1[^\\n]*\\n.*?(\\n\\s*\\2\\s*(\\n|$)|$)", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final List<String> HOME_PREFIXES = List.of("./", "~/", "$HOME/", "${HOME}/", "/home/user/", "\"$HOME\"/");

    private ShellText() {}

    /** The command with here-document bodies and quoted strings replaced by a placeholder. */
    static String withoutLiterals(String command) {
        String noHeredocs = HEREDOC.matcher(command).replaceAll(m -> Matcher.quoteReplacement("<<" + m.group(2) + "\n"));
        return QUOTED.matcher(noHeredocs).replaceAll("STR");
    }

    /**
     * Simple commands as lists of words, with quotes removed and here-document bodies dropped.
     * Separators ({@code ; & | && || newline}) inside quotes do not split.
     */
    static List<List<String>> simpleCommands(String command) {
        String text = HEREDOC.matcher(command).replaceAll(m -> Matcher.quoteReplacement("<<" + m.group(2) + "\n"));
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == ';' || c == '&' || c == '|' || c == '\n' || Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c) || c == '\n') {
                    finish(words, out);
                    words = new ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        finish(words, out);
        return out;
    }

    private static void finish(List<String> words, List<List<String>> out) {
        while (!words.isEmpty() && PREFIXES.contains(words.getFirst())) {
            words.removeFirst();
        }
        if (!words.isEmpty()) {
            out.add(words);
        }
    }

    /** The home-relative name a word refers to, if it names a file directly in the home. */
    static String homeName(String word) {
        String w = word;
        for (String prefix : HOME_PREFIXES) {
            if (w.startsWith(prefix)) {
                w = w.substring(prefix.length());
                break;
            }
        }
        return w;
    }

    /** The program name of a simple command, without its directory. */
    static String program(List<String> words) {
        String first = words.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
