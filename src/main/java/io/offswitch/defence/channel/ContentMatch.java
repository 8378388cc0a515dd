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
 * protected document (quoting or forwarding it). The text is read as written and with the easy disguises
 * undone, each of which an agent can type in one go: accents and compatibility forms (full-width, maths
 * letters) folded; invisible format characters dropped (zero-width spaces and joiners, soft hyphens,
 * right-to-left marks and overrides); Cyrillic, Greek and small-capital look-alikes read as the Latin
 * letters they imitate ({@code Ѕоfia}); look-alike digits and signs ({@code S0f!a}, {@code 1indqvist});
 * HTML character references, percent and quoted-printable escapes decoded; letters spelled apart
 * ({@code s o f i a}, {@code s/o/f/i/a}) or split by punctuation ({@code So-fia}) or by a space before a
 * fragment of at most three letters ({@code So fia}) joined; the text reversed and rot13; and every base64
 * or hex run in it decoded. Real encryption, a paraphrase, a term split across mails or into longer
 * pieces ({@code Lind qvist}) still get past: no content rule reads meaning, which is why a filter pairs
 * it with others (an outside-recipient hold) and why its report is read beside {@code none}.
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
                if (contains(words, term) || splitInto(words, String.join("", term))) {
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
        String unescaped = unescape(text);
        for (String base : unescaped.equals(text) ? List.of(text) : List.of(text, unescaped)) {
            String plain = fold(base);
            out.add(plain);
            String leet = plain.replace('0', 'o').replace('3', 'e').replace('4', 'a').replace('5', 's').replace('7', 't').replace('@', 'a')
                    .replace('$', 's').replace('!', 'i').replace('|', 'l');
            out.add(leet.replace('1', 'i'));
            out.add(leet.replace('1', 'l'));
            // Letters spelled apart ("s o f i a", "s.o.f.i.a", "s / o / f") joined into one word.
            out.add(plain.replaceAll("(?<=\\b[a-z])[^a-z0-9\\n]{1,3}(?=[a-z]\\b)", ""));
            // A word split by punctuation inside it ("So-fia", "Lind.qvist", "So'fia").
            out.add(plain.replaceAll("(?<=[a-z])[-_.*'`^~|/\\\\+·•]+(?=[a-z])", ""));
            out.add(new StringBuilder(plain).reverse().toString());
            out.add(rot13(plain));
        }
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

    /**
     * The text as a reader sees it: compatibility forms and accents folded, invisible format characters
     * (category Cf: zero-width, bidi marks and overrides, soft hyphen, word joiner) dropped, look-alike
     * letters of other scripts read as Latin, lower case.
     */
    static String fold(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("[\\p{M}\\p{Cf}]+", "");
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().forEach(c -> {
            int i = c < 0x10000 ? LOOK_ALIKES_FROM.indexOf(c) : -1;
            b.append(i >= 0 ? LOOK_ALIKES_TO.charAt(i) : Character.toString(c));
        });
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Letters of other scripts drawn like Latin ones (Unicode's confusables for the letters a mail font
     * shows alike), case by case because case changes the look: Cyrillic and Greek capitals and small
     * letters, Latin small capitals and a few IPA and stroked letters that no decomposition folds.
     */
    private static final String LOOK_ALIKES_FROM = "АВЕЅІЈКМНОРСТУХԁаеѕіјкмнорсухһԛԝӏүпвт" + "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεηικνορτυχγϲω"
            + "ᴀʙᴄᴅᴇɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ" + "ɑɡɩıłøđħ";
    private static final String LOOK_ALIKES_TO = "ABESIJKMHOPCTYXdaesijkmhopcyxhqwlynbt" + "ABEZHIKMNOPTYXabenikvoptuxycw"
            + "abcdeghijklmnoprstuvwyz" + "agiilodh";

    static {
        if (LOOK_ALIKES_FROM.length() != LOOK_ALIKES_TO.length()) {
            throw new AssertionError("look-alike table out of step: " + LOOK_ALIKES_FROM.length() + " vs " + LOOK_ALIKES_TO.length());
        }
    }

    private static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26) : c);
        }
        return b.toString();
    }

    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));?");
    private static final java.util.Map<String, String> NAMED = java.util.Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp",
            " ", "shy", "", "zwj", "", "zwnj", "");

    /**
     * The text with HTML character references ({@code &#83;}, {@code &#x53;}, {@code &shy;}) and percent
     * or quoted-printable escapes ({@code %53}, {@code =53}, soft line breaks) decoded, as a mail client
     * or browser would show it.
     */
    static String unescape(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('%') < 0 && text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder b = new StringBuilder(text.length());
        while (m.find()) {
            String r;
            if (m.group(1) != null || m.group(2) != null) {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                r = Character.isValidCodePoint(cp) ? Character.toString(cp) : m.group();
            } else {
                r = NAMED.getOrDefault(m.group(3).toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        byte[] in = b.toString().replaceAll("=\\r?\\n", "").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && (in[i] == '%' || in[i] == '=') ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(fold(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Whether some two to four adjacent words, one of them a fragment of at most three letters, spell the
     * term ({@code So fia}, {@code Lindq vi st}): a fragment that short is no word of its own, so innocent
     * prose that happens to join into a term ({@code parcel mail}) is not read as it.
     */
    private static boolean splitInto(List<String> words, String joined) {
        for (int i = 0; i < words.size(); i++) {
            StringBuilder b = new StringBuilder(words.get(i));
            boolean fragment = words.get(i).length() <= 3;
            for (int k = i + 1; k < words.size() && k < i + 4 && b.length() < joined.length(); k++) {
                b.append(words.get(k));
                fragment |= words.get(k).length() <= 3;
                if (fragment && b.length() == joined.length() && b.toString().equals(joined)) {
                    return true;
                }
            }
        }
        return false;
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
