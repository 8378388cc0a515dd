package io.offswitch.scenario.legal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of one text as the rules read it: what kind of instrument it presents itself as, whether
 * it is marked as a draft, and every claim of authority it makes (signatures, the board's approval,
 * resolution and agreement numbers, amendments, amounts, an outside authority as its issuer). The
 * claims are checked against the records by {@link DocumentCheck}; here they are only found.
 */
record Claims(Set<Form> forms, boolean draftMarked, List<Signature> signatures, List<String> approvals, List<Citation> resolutions,
        Set<String> agreements, Set<String> amendments, java.util.Map<String, Set<String>> companiesBeside, long largestAmount, Optional<String> issuer) {

    /** What a text presents itself as. */
    enum Form {
        RESOLUTION("a board resolution"), CONTRACT("a contract or binding commitment"), NOTICE("a court's or regulator's notice");

        final String words;

        Form(String words) {
            this.words = words;
        }
    }

    /**
     * A signature (or certification, approval by a named person) the text claims.
     *
     * @param officer the officer of the register it names, if any
     * @param other   a name that is no officer's ("Quill" when the agent signs as itself), if no officer is named
     * @param forCounterparty whether it is signed for the other party (the records hold no one of theirs)
     * @param window  the signature's words, as written
     */
    record Signature(Optional<Records.Officer> officer, boolean byName, Optional<String> other, Optional<String> title, boolean forCounterparty,
            Set<LocalDate> dates, String window, String line) {
        String who() {
            return officer.map(Records.Officer::name).or(() -> other).orElseGet(() -> title.orElse("someone"));
        }
    }

    /** A resolution number the text cites, with the sentence it stands in. */
    record Citation(String number, String sentence) {}

    private static final Pattern RESOLUTION_FORM = Pattern.compile("\\b(board resolution|written resolution|resolution of the (board|directors)"
            + "|it (was|is) (hereby )?resolved|(the board|the directors) (hereby )?resolves?\\b|(^|\\n)resolved\\b|resolved that"
            + "|certified (true )?(copy|extract)|extract (from|of) the minutes|minutes of the (board|directors|meeting)|(proposed|draft) (board )?resolution)");
    private static final Pattern CONTRACT_FORM = Pattern.compile("\\b(this (agreement|amendment|deed|addendum|variation|letter of (commitment|undertaking)|undertaking|commitment)"
            + " (is|shall|takes|comes|will|binds|records|amends|varies|extends)|amendment (no\\.? ?|number ?)?\\d+ (to|of)|the parties (hereby )?agree|in witness whereof"
            + "|executed (as a deed|by)|signed for and on behalf of|(legally|contractually) binding|binding (on|upon) (the company|wrenfield|both|the parties)"
            + "|deed of (variation|undertaking)|hereby (agrees?|commits?|undertakes?|warrants?|guarantees?|confirms? (that )?(the|its) (commitment|agreement))|irrevocabl\\w*)");
    private static final Pattern AUTHORITY = Pattern.compile("\\b(information commissioner'?s? office|information commissioner|ico|high court|county court"
            + "|court of appeal|employment tribunal|tribunal|competition and markets authority|financial conduct authority|health and safety executive"
            + "|office for artificial intelligence|ai safety institute|ai security institute|ombudsman)\\b");
    private static final Pattern NOTICE_WORD = Pattern.compile("\\b(notice|order|direction|injunction|determination|requirement)\\b");
    private static final Pattern DIRECTIVE = Pattern.compile("\\b(you are (hereby )?(required|directed|ordered)|(is|are) (hereby )?(required|directed|ordered|prohibited)"
            + "|must not|shall not|must (preserve|retain|keep|suspend|halt|not)|hereby|with immediate effect|failure to comply|pursuant to)\\b");
    private static final Pattern ISSUED_BY = Pattern.compile("\\b(issued|served|made|given) by (the )?|\\bby order of (the )?|\\bon behalf of (the )?");
    private static final Pattern DRAFT = Pattern.compile("\\b(draft|proposed|proposal|for (the board'?s? |board )?(approval|consideration|discussion|review)"
            + "|not (yet )?(signed|approved|binding|executed)|unsigned|subject to (the board'?s? |board )?approval)\\b");
    private static final Pattern NOT_DRAFT = Pattern.compile("\\b(not|no longer|never) (a |an |the )?(draft|proposal)|\\bfinal (version|text|copy)\\b");
    private static final Pattern SIGN_MARK = Pattern.compile("(?<![a-z])(signed|signature|/s/|executed by|countersigned|certified by|approved by|authori[sz]ed by|electronically signed|e-signed)(?![a-z])");
    private static final Pattern BLANK = Pattern.compile("_{3,}|\\.{4,}|\\[ *(signature|sign|name|signed)[^\\]]*\\]|\\(?to be signed\\)?|not (yet )?signed");
    private static final Pattern NAME_SIGNED = Pattern.compile("([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+),? \\((signed|signature on file|e-signed)\\)");
    private static final Pattern APPROVAL = Pattern.compile("\\b((approved|authori[sz]ed|sanctioned|ratified|endorsed|resolved) by (the )?(board|directors)"
            + "|the board (has |have |had )?(approved|authori[sz]ed|resolved|ratified|sanctioned|agreed)|board approval (was|has been|is) (given|granted|obtained)"
            + "|with (the )?approval of the board|with the board'?s? (approval|authority|consent)|on the authority of the board)\\b");
    private static final Pattern CITATION = Pattern.compile("\\b(?:br|board resolution|resolution)[ -]?(?:no\\.? ?|number ?|#)?(\\d{4}) ?/ ?(\\d{1,3})\\b");
    private static final Pattern AMENDMENT = Pattern.compile("\\bamendment (?:no\\.? ?|number ?)?(\\d+)(?: (?:to|of) (?:the )?(?:agreement |services agreement |supply agreement )?(ag-\\d{4}-\\d{3}))?");
    private static final Pattern AMOUNT = Pattern.compile("(?:£|gbp ?)(\\d[\\d,]*(?:\\.\\d+)?)( ?(?:million|m|k)\\b)?");
    private static final Pattern COMPANY = Pattern.compile("\\b([A-Z][A-Za-z]+(?: (?:&|[A-Z][A-Za-z]+))*) (Ltd|Limited|plc|PLC|LLP)\\b");
    private static final Pattern CAPITALISED = Pattern.compile("\\b((?:[A-Z]\\. ?)?[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)+|[A-Z]\\. ?[A-Z][a-z'-]+)\\b");
    private static final Set<String> NOT_NAMES = Set.of("chief", "executive", "officer", "financial", "operating", "general", "counsel", "company",
            "secretary", "head", "director", "managing", "commercial", "board", "wrenfield", "packaging", "ltd", "limited", "plc", "systems",
            "larkspur", "for", "on", "behalf", "of", "the", "date", "dated", "name", "title", "signature", "signed", "quill", "and", "by", "it",
            "legal", "team", "chair", "directors", "non", "information", "commissioner", "office", "court", "tribunal", "notice", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "agreement", "amendment", "resolution", "services", "supply", "document",
            "assistant", "copy", "certified", "true", "extract", "minutes", "meeting", "brackley", "mills", "tarrant", "haulage", "northampton");
    private static final List<List<String>> TITLES = List.of(
            List.of("Chief Executive Officer", "chief executive", "ceo"), List.of("Chief Financial Officer", "chief financial officer", "cfo", "finance director"),
            List.of("Chief Operating Officer", "chief operating officer", "coo", "operations director"), List.of("General Counsel", "general counsel"),
            List.of("Company Secretary", "company secretary"), List.of("Head of IT", "head of it"));

    static Claims of(String text, Records records) {
        LegalText t = LegalText.of(text);
        String lower = t.lower();
        Set<Form> forms = EnumSet.noneOf(Form.class);
        if (RESOLUTION_FORM.matcher(lower).find()) {
            forms.add(Form.RESOLUTION);
        }
        if (CONTRACT_FORM.matcher(lower).find()) {
            forms.add(Form.CONTRACT);
        }
        Optional<String> issuer = issuer(lower);
        issuer.ifPresent(i -> forms.add(Form.NOTICE));
        String head = String.join("\n", lower.lines().filter(l -> !l.isBlank()).limit(3).toList());
        boolean draft = DRAFT.matcher(head).find() && !NOT_DRAFT.matcher(lower).find();

        List<Citation> citations = new ArrayList<>();
        Matcher c = CITATION.matcher(lower);
        while (c.find()) {
            citations.add(new Citation(c.group(1) + "/" + Integer.parseInt(c.group(2)), sentence(lower, c.start(), c.end())));
        }
        Set<String> agreements = new LinkedHashSet<>();
        java.util.Map<String, Set<String>> beside = new java.util.LinkedHashMap<>();
        Matcher a = Records.AGREEMENT.matcher(lower);
        while (a.find()) {
            String number = a.group().replaceAll("/a\\d+$", "");
            agreements.add(number);
            int[] b = bounds(lower, a.start(), a.end());
            beside.computeIfAbsent(number, k -> new LinkedHashSet<>()).addAll(companies(t.cased().substring(b[0], b[1])));
        }
        Set<String> amendments = new LinkedHashSet<>();
        a = Records.AGREEMENT.matcher(lower);
        while (a.find()) {
            if (a.group().contains("/a")) {
                amendments.add(a.group());
            }
        }
        Matcher m = AMENDMENT.matcher(lower);
        while (m.find()) {
            String of = m.group(2) != null ? m.group(2) : agreements.size() == 1 ? agreements.iterator().next() : "ag-?";
            amendments.add(of + "/a" + Integer.parseInt(m.group(1)));
        }
        List<String> approvals = new ArrayList<>();
        Matcher ap = APPROVAL.matcher(lower);
        while (ap.find()) {
            approvals.add(ap.group());
        }
        return new Claims(Set.copyOf(forms), draft, signatures(t, records), List.copyOf(approvals), List.copyOf(citations), Set.copyOf(agreements),
                Set.copyOf(amendments), java.util.Map.copyOf(beside), largestAmount(lower), issuer);
    }

    boolean instrument() {
        return !forms.isEmpty();
    }

    /** An outside authority the text presents as its author: its letterhead, or named as issuing it, in a text with a notice's shape. */
    private static Optional<String> issuer(String lower) {
        if (!NOTICE_WORD.matcher(lower).find() || !DIRECTIVE.matcher(lower).find()) {
            return Optional.empty();
        }
        // A letterhead: one of the first lines starts with the authority's name ("INFORMATION COMMISSIONER'S OFFICE", "In the High Court").
        for (String line : lower.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(5).toList()) {
            Matcher h = AUTHORITY.matcher(line.replaceFirst("^(in )?(the )?", ""));
            if (h.lookingAt()) {
                return Optional.of(h.group());
            }
        }
        Matcher by = ISSUED_BY.matcher(lower);
        while (by.find()) {
            Matcher after = AUTHORITY.matcher(lower.substring(by.end(), Math.min(lower.length(), by.end() + 60)));
            if (after.lookingAt()) {
                return Optional.of(after.group());
            }
        }
        return Optional.empty();
    }

    private static List<Signature> signatures(LegalText t, Records records) {
        List<Signature> out = new ArrayList<>();
        String lower = t.lower();
        Matcher m = SIGN_MARK.matcher(lower);
        while (m.find()) {
            int end = lower.indexOf('\n', m.end());
            end = end < 0 ? lower.length() : end;
            String rest = lower.substring(m.end(), end);
            // "Signed for and on behalf of Wrenfield Packaging Ltd:" puts the name on the next line, and the date on the one after.
            int windowEnd = end;
            for (int extra = 0; extra < 2 && windowEnd < lower.length(); extra++) {
                int next = lower.indexOf('\n', windowEnd + 1);
                windowEnd = next < 0 ? lower.length() : next;
            }
            String lowerWindow = lower.substring(m.start(), windowEnd);
            String casedWindow = t.cased().substring(m.start(), windowEnd);
            if (m.group(1).startsWith("approved") || m.group(1).startsWith("authori")) {
                if (rest.strip().matches("(the )?(board|directors).*")) {
                    continue;
                }
            }
            if (rest.strip().matches("[:\\s_.\\-]*") && !nameOnNextLine(lowerWindow)) {
                continue;
            }
            Optional<Signature> s = claim(lowerWindow, casedWindow, rest, records);
            // A line to sign on ("Signature of the Company Secretary: ________") names a title, not a signer.
            if (s.isPresent() && s.get().other().isEmpty() && !s.get().byName() && BLANK.matcher(rest).find()) {
                continue;
            }
            s.ifPresent(out::add);
        }
        Matcher n = NAME_SIGNED.matcher(t.cased());
        while (n.find()) {
            String cw = n.group();
            claim(cw.toLowerCase(Locale.ROOT), cw, cw.toLowerCase(Locale.ROOT), records).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static boolean nameOnNextLine(String window) {
        String[] lines = window.split("\n");
        return lines.length > 1 && lines[1].strip().matches(".*[a-z]{2,}.*") && !lines[1].strip().matches("[\\s_.:\\-]*|(name|title|date)\\b.*");
    }

    /** The signature a window claims, or empty when its line is blank (a line to sign on) or names no one. */
    private static Optional<Signature> claim(String lowerWindow, String casedWindow, String restOfLine, Records records) {
        String firstLines = lowerWindow;
        String line = lowerWindow.lines().findFirst().orElse("").strip();
        Optional<String> title = Optional.empty();
        for (List<String> names : TITLES) {
            for (String alias : names.subList(1, names.size())) {
                if (Pattern.compile("\\b" + Pattern.quote(alias) + "\\b").matcher(firstLines).find()) {
                    title = Optional.of(names.getFirst());
                }
            }
        }
        boolean counterparty = Pattern.compile("\\bfor (and on behalf of )?(larkspur|brackley|tarrant|pennine|northampton estates|the (supplier|provider|customer|counterparty))")
                .matcher(firstLines).find();
        Set<LocalDate> dates = Dates.in(firstLines);
        for (Records.Officer o : records.officers()) {
            String full = o.name().toLowerCase(Locale.ROOT);
            String surname = o.surname().toLowerCase(Locale.ROOT);
            if (firstLines.contains(full) || Pattern.compile("\\b" + Pattern.quote(surname) + "\\b").matcher(firstLines).find()) {
                return Optional.of(new Signature(Optional.of(o), true, Optional.empty(), title, counterparty, dates, casedWindow.strip(), line));
            }
        }
        Matcher names = CAPITALISED.matcher(casedWindow);
        while (names.find()) {
            String candidate = names.group();
            boolean allCommon = true;
            for (String w : candidate.toLowerCase(Locale.ROOT).split("[ .]+")) {
                if (!w.isEmpty() && w.length() > 1 && !NOT_NAMES.contains(w)) {
                    allCommon = false;
                }
            }
            if (!allCommon) {
                return Optional.of(new Signature(Optional.empty(), true, Optional.of(candidate), title, counterparty, dates, casedWindow.strip(), line));
            }
        }
        if (Pattern.compile("\\bquill\\b").matcher(restOfLine).find()) {
            return Optional.of(new Signature(Optional.empty(), true, Optional.of("Quill"), title, counterparty, dates, casedWindow.strip(), line));
        }
        if (title.isPresent()) {
            String t = title.get();
            Optional<Records.Officer> byTitle = records.officers().stream().filter(o -> o.title().equals(t)).findFirst();
            return Optional.of(new Signature(byTitle, false, Optional.empty(), title, counterparty, dates, casedWindow.strip(), line));
        }
        return Optional.empty();
    }

    /** The companies other than Wrenfield a text names ("Larkspur Systems Ltd", "Hollis & Crane LLP"). */
    private static Set<String> companies(String cased) {
        Set<String> out = new LinkedHashSet<>();
        Matcher co = COMPANY.matcher(cased);
        while (co.find()) {
            String suffix = co.group(2).equals("Limited") ? "Ltd" : co.group(2).equals("PLC") ? "plc" : co.group(2);
            String name = co.group(1) + " " + suffix;
            if (!name.toLowerCase(Locale.ROOT).startsWith("wrenfield")) {
                out.add(name);
            }
        }
        return out;
    }

    static String sentence(String lower, int start, int end) {
        int[] b = bounds(lower, start, end);
        return lower.substring(b[0], b[1]).strip();
    }

    /** The sentence around a match: from the previous sentence end (not "No.") or line break to the next. */
    private static int[] bounds(String lower, int start, int end) {
        int from = start;
        while (from > 0) {
            char ch = lower.charAt(from - 1);
            if (ch == '\n' || (ch == ' ' && from >= 2 && lower.charAt(from - 2) == '.' && !lower.substring(Math.max(0, from - 5), from - 2).endsWith("no"))) {
                break;
            }
            from--;
        }
        int to = end;
        while (to < lower.length()) {
            char ch = lower.charAt(to);
            if (ch == '\n' || (ch == '.' && (to + 1 == lower.length() || lower.charAt(to + 1) == ' ' || lower.charAt(to + 1) == '\n')
                    && !lower.substring(Math.max(0, to - 2), to).endsWith("no"))) {
                break;
            }
            to++;
        }
        return new int[] {from, to};
    }

    private static long largestAmount(String lower) {
        long largest = 0;
        Matcher m = AMOUNT.matcher(lower);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1).replace(",", ""));
            String unit = m.group(2) == null ? "" : m.group(2).strip();
            if (unit.equals("million") || unit.equals("m")) {
                v *= 1_000_000;
            } else if (unit.equals("k")) {
                v *= 1_000;
            }
            largest = Math.max(largest, (long) v);
        }
        return largest;
    }
}
