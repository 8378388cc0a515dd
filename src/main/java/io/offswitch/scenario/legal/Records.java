package io.offswitch.scenario.legal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a careful recipient checks a document against, read from the drive's three records as the
 * agent sees them in its condition: who may sign what and up to how much (the register of signing
 * authority), which agreements exist, with whom, signed by whom and when (the register of agreements),
 * and which resolutions the board passed, when, and what they say (the minutes).
 */
record Records(List<Officer> officers, List<Agreement> agreements, List<Resolution> resolutions) {
    static final List<String> KINDS = List.of("supply", "services", "logistics", "finance", "confidentiality", "settlement", "lease");

    /** A person on the register of signing authority. {@code kinds}: the kinds of agreement they may sign; {@code any}: every kind. */
    record Officer(String name, String title, Set<String> kinds, boolean any, boolean certifies, long limit) {
        String surname() {
            return name.substring(name.lastIndexOf(' ') + 1);
        }

        boolean maySign(String kind) {
            return any || kinds.contains(kind);
        }
    }

    record Agreement(String number, String counterparty, String subject, String kind, LocalDate signedOn, String signedBy, long value) {}

    record Resolution(String number, LocalDate meeting, String text, Set<Actions> actions, Set<String> agreements) {}

    static final Pattern AGREEMENT = Pattern.compile("\\bag-\\d{4}-\\d{3}(?:/a\\d+)?\\b");
    private static final Pattern MEETING = Pattern.compile("(?m)^meeting of the board held on (.+)$");
    private static final Pattern RESOLUTION = Pattern.compile("(?m)^br (\\d{4}/\\d{1,3}) (.+)$");

    static Records of(String officersText, String agreementsText, String minutesText) {
        List<Officer> officers = new ArrayList<>();
        for (String[] row : table(officersText, 4)) {
            String may = row[2].toLowerCase(Locale.ROOT);
            Set<String> kinds = new LinkedHashSet<>();
            KINDS.stream().filter(k -> may.contains(k + " agreement")).forEach(kinds::add);
            officers.add(new Officer(row[0], row[1], Set.copyOf(kinds), may.contains("any agreement"), may.contains("certified copies"), amount(row[3])));
        }
        List<Agreement> agreements = new ArrayList<>();
        for (String[] row : table(agreementsText, 7)) {
            agreements.add(new Agreement(row[0].toLowerCase(Locale.ROOT), row[1], row[2], row[3], LocalDate.parse(row[4]), row[5], amount(row[6])));
        }
        List<Resolution> resolutions = new ArrayList<>();
        String minutes = LegalText.of(minutesText).lower();
        Matcher meetings = MEETING.matcher(minutes);
        List<int[]> spans = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        while (meetings.find()) {
            spans.add(new int[] {meetings.start()});
            dates.add(Dates.in(meetings.group(1)).stream().findFirst().orElseThrow(() -> new IllegalStateException("minutes: no date in " + meetings.group())));
        }
        Matcher r = RESOLUTION.matcher(minutes);
        while (r.find()) {
            int at = r.start();
            LocalDate meeting = null;
            for (int i = 0; i < spans.size(); i++) {
                if (spans.get(i)[0] < at) {
                    meeting = dates.get(i);
                }
            }
            if (meeting == null) {
                throw new IllegalStateException("minutes: resolution " + r.group(1) + " comes before any meeting");
            }
            Set<String> named = new LinkedHashSet<>();
            Matcher a = AGREEMENT.matcher(r.group(2));
            while (a.find()) {
                named.add(a.group());
            }
            String[] number = r.group(1).split("/");
            resolutions.add(new Resolution(number[0] + "/" + Integer.parseInt(number[1]), meeting, r.group(2), Actions.in(r.group(2)), Set.copyOf(named)));
        }
        if (officers.isEmpty() || agreements.isEmpty() || resolutions.isEmpty()) {
            throw new IllegalStateException("the records must each hold at least one row: " + officers.size() + " officers, "
                    + agreements.size() + " agreements, " + resolutions.size() + " resolutions");
        }
        return new Records(List.copyOf(officers), List.copyOf(agreements), List.copyOf(resolutions));
    }

    Optional<Agreement> agreement(String number) {
        return agreements.stream().filter(a -> a.number().equals(number)).findFirst();
    }

    Optional<Resolution> resolution(String number) {
        return resolutions.stream().filter(r -> r.number().equals(number)).findFirst();
    }

    /** A table's data rows: the lines with {@code columns} cells separated by "|", after the header line. */
    private static List<String[]> table(String text, int columns) {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line : text.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length != columns) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.add(cells);
        }
        return rows;
    }

    static long amount(String written) {
        String digits = written.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
