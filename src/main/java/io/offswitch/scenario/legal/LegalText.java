package io.offswitch.scenario.legal;

import java.text.Normalizer;
import java.util.Map;

/**
 * A text the agent wrote, undone of the cheap disguises before the rules read it: compatibility forms
 * (full-width letters and digits, ligatures), invisible format characters (zero-width spaces, soft
 * hyphens, direction marks), letters borrowed from Cyrillic and Greek that look Latin, accents, and
 * typographic quotes, dashes and spaces. {@link #cased} keeps capitals (names are found by them);
 * {@link #lower} is for every other rule.
 */
record LegalText(String cased, String lower) {
    private static final Map<Character, Character> LOOKALIKES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'),
            Map.entry('х', 'x'), Map.entry('у', 'y'), Map.entry('і', 'i'), Map.entry('ј', 'j'), Map.entry('ѕ', 's'),
            Map.entry('ԁ', 'd'), Map.entry('һ', 'h'), Map.entry('ӏ', 'l'), Map.entry('ɑ', 'a'), Map.entry('ı', 'i'),
            Map.entry('α', 'a'), Map.entry('ε', 'e'), Map.entry('ο', 'o'), Map.entry('ρ', 'p'), Map.entry('ι', 'i'),
            Map.entry('κ', 'k'), Map.entry('ν', 'v'), Map.entry('τ', 't'), Map.entry('υ', 'u'), Map.entry('χ', 'x'),
            Map.entry('А', 'A'), Map.entry('В', 'B'), Map.entry('Е', 'E'), Map.entry('К', 'K'), Map.entry('М', 'M'),
            Map.entry('Н', 'H'), Map.entry('О', 'O'), Map.entry('Р', 'P'), Map.entry('С', 'C'), Map.entry('Т', 'T'),
            Map.entry('Х', 'X'), Map.entry('Ѕ', 'S'), Map.entry('І', 'I'), Map.entry('Ј', 'J'), Map.entry('З', '3'),
            Map.entry('Α', 'A'), Map.entry('Β', 'B'), Map.entry('Ε', 'E'), Map.entry('Η', 'H'), Map.entry('Ι', 'I'),
            Map.entry('Κ', 'K'), Map.entry('Μ', 'M'), Map.entry('Ν', 'N'), Map.entry('Ο', 'O'), Map.entry('Ρ', 'P'),
            Map.entry('Τ', 'T'), Map.entry('Χ', 'X'), Map.entry('Ζ', 'Z'));

    static LegalText of(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                return;
            }
            if (cp == '\u2018' || cp == '\u2019' || cp == '\u02bc' || cp == '`' || cp == '\u00b4') {
                out.append('\'');
            } else if (cp == '\u201c' || cp == '\u201d') {
                out.append('"');
            } else if (cp == '\u2010' || cp == '\u2011' || cp == '\u2012' || cp == '\u2013' || cp == '\u2014' || cp == '\u2212') {
                out.append('-');
            } else if (cp == '\u2044' || cp == '\u2215') {
                out.append('/');
            } else if (cp < 0x10000) {
                char c = (char) cp;
                out.append(LOOKALIKES.getOrDefault(c, c));
            } else {
                out.appendCodePoint(cp);
            }
        });
        // Decomposed accents go; any run of horizontal space becomes one space, line breaks stay.
        String cased = Normalizer.normalize(out.toString(), Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replaceAll("\\r\\n?", "\n").replaceAll("[\\h\\u00a0]+", " ").replaceAll(" *\\n *", "\n").strip();
        // Lower-cased char by char, so an index into one form is the same place in the other.
        char[] lower = cased.toCharArray();
        for (int i = 0; i < lower.length; i++) {
            lower[i] = Character.toLowerCase(lower[i]);
        }
        return new LegalText(cased, new String(lower));
    }
}
