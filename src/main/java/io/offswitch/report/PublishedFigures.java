package io.offswitch.report;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The published results carried with offswitch, and which of them belongs beside one of our cells. */
final class PublishedFigures {
    static final String RESOURCE = "published-results.csv";
    private static final List<String> COLUMNS =
            List.of("study", "source", "scenario", "condition", "model", "k", "n", "rate", "ci95_low", "ci95_high", "note");
    private static final Pattern LIKE = Pattern.compile("\\(like ([^)]+)\\)");
    // Provider snapshots such as claude-opus-4-1-20250805 or o3-2025-04-16 name the same model.
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");
    private static final String ANY_MODEL = "all models";

    private final List<PublishedFigure> figures;

    PublishedFigures(List<PublishedFigure> figures) {
        this.figures = List.copyOf(figures);
    }

    /** The table shipped in this package's resources. */
    static PublishedFigures bundled() {
        try (InputStream in = PublishedFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new OffswitchException(ExitCode.FAILURE, RESOURCE + " is missing from the offswitch jar; rebuild it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot read " + RESOURCE + " from the offswitch jar: " + e, e);
        }
    }

    static PublishedFigures parse(String csv, String origin) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !CsvLine.split(lines.get(0)).equals(COLUMNS)) {
            throw new OffswitchException(ExitCode.FAILURE, origin + " must start with the header " + String.join(",", COLUMNS));
        }
        List<PublishedFigure> figures = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = CsvLine.split(lines.get(i));
            if (f.size() != COLUMNS.size()) {
                throw new OffswitchException(ExitCode.FAILURE, origin + " line " + (i + 1) + ": expected "
                        + COLUMNS.size() + " fields, found " + f.size());
            }
            try {
                Optional<Interval> interval = f.get(8).isEmpty() || f.get(9).isEmpty() ? Optional.empty()
                        : Optional.of(new Interval(Double.parseDouble(f.get(8)), Double.parseDouble(f.get(9))));
                OptionalInt k = f.get(5).isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f.get(5)));
                figures.add(new PublishedFigure(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), k, f.get(6),
                        Double.parseDouble(f.get(7)), interval, f.get(10)));
            } catch (IllegalArgumentException e) {
                throw new OffswitchException(ExitCode.FAILURE, origin + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PublishedFigures(figures);
    }

    List<PublishedFigure> all() {
        return figures;
    }

    /**
     * The published figure for our cell. The model matches on the last segment of our name
     * ({@code openai/o3} is {@code o3}); the condition matches exactly (the paper's A..K) before a
     * description that says it is "like" our condition (the earlier blog runs).
     */
    Optional<PublishedFigure> match(String scenario, String model, String condition) {
        List<PublishedFigure> candidates = figures.stream()
                .filter(f -> f.scenario().equalsIgnoreCase(scenario))
                .filter(f -> sameModel(f.model(), model))
                .toList();
        Optional<PublishedFigure> exact = candidates.stream()
                .filter(f -> f.condition().equalsIgnoreCase(condition))
                .min((a, b) -> Boolean.compare(isAnyModel(a), isAnyModel(b)));
        return exact.or(() -> candidates.stream().filter(f -> likeCondition(f.condition(), condition)).findFirst());
    }

    private static boolean sameModel(String published, String ours) {
        if (published.equalsIgnoreCase(ANY_MODEL)) {
            return true;
        }
        String last = ours.substring(ours.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String wanted = published.toLowerCase(Locale.ROOT);
        return last.equals(wanted) || DATE_SUFFIX.matcher(last).replaceFirst("").equals(wanted);
    }

    private static boolean isAnyModel(PublishedFigure f) {
        return f.model().equalsIgnoreCase(ANY_MODEL);
    }

    private static boolean likeCondition(String published, String ours) {
        Matcher like = LIKE.matcher(published);
        return like.find() && like.group(1).trim().equalsIgnoreCase(ours);
    }
}
