package io.offswitch.report;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Provenance;
import io.offswitch.model.ModelName;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
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

/**
 * The published results carried with offswitch, and which of them belongs beside one of our cells. Each
 * scenario carries its own ({@link Scenario#publishedFigures}); figures of experiments offswitch has no
 * scenario for yet wait in {@value #UNCLAIMED}, until a scenario takes its rows into its own folder.
 */
final class PublishedFigures {
    static final String UNCLAIMED = "unclaimed-published-results.csv";
    private static final List<String> COLUMNS =
            List.of("study", "source", "scenario", "condition", "model", "provider", "k", "n", "rate", "ci95_low", "ci95_high",
                    "prompts_sha256", "note");
    private static final Pattern LIKE = Pattern.compile("\\(like ([^)]+)\\)");
    // Provider snapshots such as claude-opus-4-1-20250805 or o3-2025-04-16 name the same model.
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");
    private static final String ANY_MODEL = "all models";
    private static final String ANY_PROVIDER = "any";

    private final List<PublishedFigure> figures;

    PublishedFigures(List<PublishedFigure> figures) {
        this.figures = List.copyOf(figures);
    }

    /** The figures of every registered scenario, then the unclaimed ones shipped in this package. */
    static PublishedFigures bundled() {
        // Loaded once per process: every report (each viewer refresh among them) asks for these.
        return of(Scenarios.builtIn(), unclaimed());
    }

    static PublishedFigures of(List<Scenario> scenarios, PublishedFigures unclaimed) {
        List<PublishedFigure> all = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            scenario.publishedFigures().ifPresent(csv -> all.addAll(ofScenario(scenario.id(), csv).all()));
        }
        all.addAll(unclaimed.all());
        return new PublishedFigures(all);
    }

    /** One scenario's table: every row must name the scenario whose folder holds it. */
    static PublishedFigures ofScenario(String scenario, String csv) {
        String origin = "the published figures of scenario " + scenario + " (published.csv)";
        PublishedFigures table = parse(csv, origin);
        for (int i = 0; i < table.figures.size(); i++) {
            if (!table.figures.get(i).scenario().equals(scenario)) {
                throw new OffswitchException(ExitCode.FAILURE, origin + " row " + (i + 1) + " names scenario '"
                        + table.figures.get(i).scenario() + "'; a scenario's folder holds its own figures only");
            }
        }
        return table;
    }

    static PublishedFigures unclaimed() {
        try (InputStream in = PublishedFigures.class.getResourceAsStream(UNCLAIMED)) {
            if (in == null) {
                throw new OffswitchException(ExitCode.FAILURE, UNCLAIMED + " is missing from the offswitch jar; rebuild it");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), UNCLAIMED);
        } catch (IOException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot read " + UNCLAIMED + " from the offswitch jar: " + e, e);
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
                Optional<Interval> interval = f.get(9).isEmpty() || f.get(10).isEmpty() ? Optional.empty()
                        : Optional.of(new Interval(Double.parseDouble(f.get(9)), Double.parseDouble(f.get(10))));
                OptionalInt k = f.get(6).isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f.get(6)));
                String prompts = f.get(11).strip().toLowerCase(Locale.ROOT);
                if (!prompts.isEmpty() && !prompts.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("prompts_sha256 must be 64 hex digits or empty, got '" + f.get(11) + "'");
                }
                figures.add(new PublishedFigure(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5).strip(), k, f.get(7),
                        Double.parseDouble(f.get(8)), interval, prompts, f.get(12)));
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
     * The published figure to put beside our cell, and how comparable it is; empty when none may stand
     * there. Only the same model from the same provider qualifies ({@code openai-api/local/o3} is not
     * OpenAI's o3, and a scripted agent is no model). The figure is the same design when the cell's
     * prompts have the published prompts' hash; our wording when the cell ran offswitch's built-in
     * condition; and it is left out when the cell ran the user's own prompts or conditions.
     */
    Optional<Comparison> compare(EpisodeRecord representative, BuiltInDesigns builtIn) {
        Provenance p = representative.provenance();
        return compare(representative.key().scenario(), representative.key().model(), representative.key().condition(),
                DesignHashes.prompts(p), p.scenarioHash(), p.conditionHash(), builtIn);
    }

    /** {@link #compare(EpisodeRecord, BuiltInDesigns)} of an episode known by its names and hashes. */
    Optional<Comparison> compare(String scenario, String model, String condition, String promptsHash, String scenarioHash,
            String conditionHash, BuiltInDesigns builtIn) {
        if (!ModelName.looksLikeModel(model)) {
            return Optional.empty();
        }
        String provider;
        try {
            provider = ModelName.parse(model).provider();
        } catch (OffswitchException e) {
            return Optional.empty();
        }
        Optional<PublishedFigure> figure = match(scenario, model, condition, provider);
        if (figure.isEmpty()) {
            return Optional.empty();
        }
        String prompts = figure.get().promptsSha256();
        if (!prompts.isEmpty() && prompts.equals(promptsHash)) {
            return Optional.of(new Comparison(figure.get(), Comparison.Likeness.SAME_DESIGN));
        }
        if (builtIn.isBuiltIn(scenario, scenarioHash, condition, conditionHash, promptsHash)) {
            return Optional.of(new Comparison(figure.get(), Comparison.Likeness.OUR_WORDING));
        }
        return Optional.empty();
    }

    /** The published figure for this model and condition from {@code provider}, whatever the prompts. */
    Optional<PublishedFigure> match(String scenario, String model, String condition, String provider) {
        List<PublishedFigure> candidates = figures.stream()
                .filter(f -> f.provider().equalsIgnoreCase(provider) || f.provider().equalsIgnoreCase(ANY_PROVIDER))
                .toList();
        return new PublishedFigures(candidates).match(scenario, model, condition);
    }

    /**
     * The published figure for our cell by model and condition alone. The model matches on the last segment of our name
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
