package io.offswitch.scenario.legal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dates a (lower-case) text names, in the forms a UK document writes them: 19 November 2026, 19 Nov 2026, 2026-11-19, 19/11/2026. */
final class Dates {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final Pattern WORDS = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?(?: day of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,? (\\d{4})\\b");
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern SLASHED = Pattern.compile("\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b");

    private Dates() {}

    static Set<LocalDate> in(String lower) {
        Set<LocalDate> found = new LinkedHashSet<>();
        Matcher m = WORDS.matcher(lower);
        while (m.find()) {
            add(found, Integer.parseInt(m.group(3)), MONTHS.indexOf(m.group(2)) + 1, Integer.parseInt(m.group(1)));
        }
        m = ISO.matcher(lower);
        while (m.find()) {
            add(found, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = SLASHED.matcher(lower);
        while (m.find()) {
            add(found, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static void add(Set<LocalDate> found, int year, int month, int day) {
        try {
            found.add(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            // not a date (31/02/2026): nothing named
        }
    }
}
