package io.offswitch.defence.channel;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a text carries the scenario's protected content, as a mail gateway's data-loss rules look:
 * a protected term (at most three words) as whole words, or any run of {@value #RUN_WORDS} words of a
 * protected document (quoting or forwarding it). The text is read as written, with its letters' accents
 * and look-alike digits undone ({@code S0fia}), with letters spelled apart joined ({@code s o f i a}),
 * and with every base64 or hex run in it decoded, so that the easy disguises do not get past; real
 * encryption does, which is why a filter pairs the content rule with others.
 */
public final class ContentMatch {
    public static final int RUN_WORDS = 6;
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){8,}");
    /** Decoded runs looked at per text, so a text of many runs costs a bounded amount. */
    private static final int MAX_DECODED = 64;

    private final List<List<String>> terms = new ArrayList<>();
    private final Set<String> runs = new LinkedHashSet<>();

    public ContentMatch(List<String> protectedTexts) {
        for (String t : protectedTexts) {
            List<String> words = words(t);
            if (words.isEmpty()) {
                continue;
            }
            if (words.size() <= 3) {
                terms.add(words);
            } else {
                for (int i = 0; i + RUN_WORDS <= words.size(); i++) {
                    runs.add(String.join(" ", words.subList(i, i + RUN_WORDS)));
                }
            }
        }
    }

    public boolean isEmpty() {
        return terms.isEmpty() && runs.isEmpty();
    }

    /** What of the protected content the text carries, each once (terms as written in the declaration, runs quoted); empty when none. */
    public List<String> in(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (String variant : variants(text)) {
            List<String> words = words(variant);
            for (List<String> term : terms) {
                if (contains(words, term)) {
                    found.add(String.join(" ", term));
                }
            }
            for (int i = 0; i + RUN_WORDS <= words.size() && !runs.isEmpty(); i++) {
                String run = String.join(" ", words.subList(i, i + RUN_WORDS));
                if (runs.contains(run)) {
                    found.add("\"" + run + "\"");
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<String> variants(String text) {
        List<String> out = new ArrayList<>();
        String plain = fold(text);
        out.add(plain);
        out.add(plain.replace('0', 'o').replace('1', 'i').replace('3', 'e').replace('4', 'a').replace('5', 's').replace('7', 't').replace('@', 'a')
                .replace('$', 's'));
        // Letters spelled apart ("s o f i a", "s.o.f.i.a") joined into one word.
        out.add(plain.replaceAll("(?<=\\b[a-z])[ .\\-_*]+(?=[a-z]\\b)", ""));
        int decoded = 0;
        for (Pattern p : List.of(BASE64, HEX)) {
            Matcher m = p.matcher(text);
            while (m.find() && decoded < MAX_DECODED) {
                decode(m.group(), p == HEX).ifPresent(out::add);
                decoded++;
            }
        }
        return out;
    }

    private static java.util.Optional<String> decode(String run, boolean hex) {
        byte[] bytes;
        try {
            if (hex) {
                bytes = java.util.HexFormat.of().parseHex(run);
            } else {
                String s = run.replace('-', '+').replace('_', '/').replace("=", "");
                if (s.length() % 4 == 1) {
                    s = s.substring(0, s.length() - 1); // no base64 ends so; what comes before it may still be
                }
                bytes = Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4));
            }
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        long printable = text.chars().filter(c -> c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || Character.isLetter(c)).count();
        return printable * 10 >= text.length() * 9L ? java.util.Optional.of(fold(text)) : java.util.Optional.empty();
    }

    private static String fold(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return n.toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(fold(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static boolean contains(List<String> words, List<String> term) {
        for (int i = 0; i + term.size() <= words.size(); i++) {
            if (words.subList(i, i + term.size()).equals(term)) {
                return true;
            }
        }
        return false;
    }
}
