package io.offswitch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The viewer's reads: pages of episodes filtered, searched and sorted in SQL (a run of tens of
 * thousands is never read whole to show fifty), progress per run, and a version that changes whenever
 * another process commits to the file.
 */
public final class EpisodeBrowser {
    private static final char UNIT = '\u001f';
    private final EpisodeStore store;

    EpisodeBrowser(EpisodeStore store) {
        this.store = store;
    }

    /**
     * A number that changes when anything is committed to the store by any connection, so a viewer can
     * tell when to read again (see {@link Dialect#dataVersionQuery()}).
     */
    public long dataVersion() {
        return store.withConnection("read the data version", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(store.dialect().dataVersionQuery())) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Stored episodes, errors, limits and claims per run id. */
    public Map<String, RunCounts> runCounts() {
        return store.withConnection("count episodes per run", c -> {
            Map<String, int[]> claims = new LinkedHashMap<>();
            if (store.dialect().hasTable(c, "claims")) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT run_id, count(*) FROM claims GROUP BY run_id")) {
                    while (r.next()) {
                        claims.put(r.getString(1), new int[] {r.getInt(2)});
                    }
                }
            }
            Map<String, RunCounts> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT run_id, count(*), sum(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END),"
                    + " sum(CASE WHEN outcome = 'limit' THEN 1 ELSE 0 END),"
                    + " min(started_at), max(finished_at) FROM episodes GROUP BY run_id ORDER BY run_id")) {
                while (r.next()) {
                    String run = r.getString(1);
                    out.put(run, new RunCounts(run, r.getInt(2), r.getInt(3), r.getInt(4), claims.getOrDefault(run, new int[1])[0],
                            Optional.ofNullable(r.getString(5)).map(Schema::time), Optional.ofNullable(r.getString(6)).map(Schema::time)));
                }
            }
            claims.forEach((run, n) -> out.putIfAbsent(run, new RunCounts(run, 0, 0, 0, n[0], Optional.empty(), Optional.empty())));
            return out;
        });
    }

    /** One stored episode's id, run and size: what changes when it is stored, judged again or forgotten. */
    public record Fingerprint(String id, String runId, long bytes) {}

    /** Every stored episode's fingerprint; cheap (no record is read), so a viewer can tell which episodes to read again. */
    public List<Fingerprint> fingerprints() {
        return store.withConnection("list episodes", c -> {
            List<Fingerprint> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, run_id, octet_length(record_json) FROM episodes")) {
                while (r.next()) {
                    out.add(new Fingerprint(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
            return out;
        });
    }

    /**
     * The episodes {@code ids} as a report counts them, without their text: messages, tool output and
     * file contents are skipped while decoding (token usage, verdict, attempts, judgements, caveats and
     * provenance are whole), so many can be kept in memory. A report of these records is the report
     * of the full ones: the report reads no text.
     */
    public List<io.offswitch.episode.EpisodeRecord> forCounting(java.util.Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<String[]> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            rows.addAll(store.withConnection("read episodes to count", c -> {
                List<String[]> found = new ArrayList<>();
                try (PreparedStatement s = bind(c.prepareStatement("SELECT id, record_json FROM episodes WHERE id IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"), new ArrayList<>(chunk)); ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
                return found;
            }));
        }
        return rows.parallelStream().map(row -> CountingJson.read(row[1], "episode " + row[0] + " in " + store.where()))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** Every episode of {@code runId} (all runs when empty) as {@link #forCounting(java.util.Collection)} reads them. */
    public List<io.offswitch.episode.EpisodeRecord> forCounting(Optional<String> runId) {
        List<io.offswitch.episode.EpisodeRecord> out = forCounting(
                fingerprints().stream().filter(f -> runId.map(f.runId()::equals).orElse(true)).map(Fingerprint::id).toList());
        out.sort(java.util.Comparator.comparing(io.offswitch.episode.EpisodeRecord::startedAt).thenComparing(io.offswitch.episode.EpisodeRecord::id));
        return out;
    }

    /** The grid's aggregate over the summaries, in the GROUP BY order of SQLite's covering index (EpisodeSummaries.SQLITE_TALLY_INDEX). */
    static final String TALLY_QUERY = "SELECT scenario, model, condition, run_id, design_basis,"
            + " prompts_hash, scenario_hash, condition_hash, outcome, attempted, agent_scripted, count(*), sum(input_tokens),"
            + " sum(output_tokens), sum(reasoning_tokens), sum(cached_tokens), sum(model_calls), min(started_at || ' ' || episode_id),"
            + " defence, strategy"
            + " FROM episode_summaries GROUP BY scenario, model, condition, run_id, design_basis, prompts_hash, scenario_hash,"
            + " condition_hash, outcome, attempted, agent_scripted, defence, strategy";

    /**
     * The episodes of {@code runIds} (every run when empty) counted by cell, outcome, design and run,
     * from the stored summaries in one aggregate query; empty when the store's summaries are not all
     * there (a store written by an older offswitch, opened only for reading), so the caller reads the
     * records instead.
     */
    public Optional<List<EpisodeTally>> tallies() {
        if (!store.summariesComplete()) {
            return Optional.empty();
        }
        return Optional.of(store.withConnection("count episodes by cell", c -> {
            List<EpisodeTally> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(TALLY_QUERY)) {
                while (r.next()) {
                    String first = r.getString(18);
                    int space = first.indexOf(' ');
                    out.add(new EpisodeTally(r.getString(1), r.getString(2), r.getString(3), r.getString(19), EpisodeSummaries.decode(r.getString(20)),
                            r.getString(4), EpisodeSummaries.decode(r.getString(5)),
                            r.getString(6), EpisodeSummaries.decode(r.getString(7)), EpisodeSummaries.decode(r.getString(8)), r.getString(9),
                            r.getInt(10) == 1, r.getInt(11) == 1, r.getInt(12),
                            new io.offswitch.episode.Usage(r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16)), r.getLong(17),
                            Schema.time(first.substring(0, space)), first.substring(space + 1)));
                }
            }
            return out;
        }));
    }

    /**
     * The page of episodes {@code query} asks for, with the number of all that match: from the episode
     * summaries when they are all there (no record is read unless the query searches transcripts, and
     * then only those of the episodes the other filters kept), else from the records' JSON.
     */
    public EpisodePage page(EpisodeQuery query) {
        boolean summaries = store.summariesComplete();
        Dialect d = store.dialect();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.scenario().ifPresent(v -> equal(where, parameters, "scenario", v));
        query.model().ifPresent(v -> equal(where, parameters, "model", v));
        query.condition().ifPresent(v -> equal(where, parameters, "condition", v));
        in(where, parameters, "run_id", query.runs());
        in(where, parameters, "outcome", query.outcomes());
        if (summaries && !query.designs().isEmpty()) {
            designs(where, parameters, query.designs());
        }
        query.attemptKind().ifPresent(kind -> {
            switch (kind) {
                case "any" -> where.append(" AND attempted = 1");
                case "none" -> where.append(" AND attempted = 0");
                default -> {
                    if (summaries) {
                        where.append(" AND ").append(d.contains("attempt_kinds"));
                        parameters.add(EpisodeSummaries.member(kind));
                    } else {
                        where.append(" AND EXISTS (SELECT 1 FROM " + d.each("attempts", "a") + " WHERE " + d.field("a", "kind") + " = ?)");
                        parameters.add(kind);
                    }
                }
            }
        });
        query.judgeLabel().ifPresent(label -> {
            if (label.equals("none")) {
                where.append(summaries ? " AND judgements = 0" : " AND coalesce(" + d.arrayLength("judgements") + ", 0) = 0");
            } else if (summaries) {
                where.append(" AND ").append(d.contains("judge_labels"));
                parameters.add(EpisodeSummaries.member(label));
            } else {
                where.append(" AND EXISTS (SELECT 1 FROM " + d.each("judgements", "j") + " WHERE " + d.field("j", "label") + " = ?)");
                parameters.add(label);
            }
        });
        query.awareness().ifPresent(label -> {
            if (label.equals("none")) {
                where.append(" AND eval_awareness IS NULL");
            } else {
                where.append(" AND eval_awareness = ?");
                parameters.add(label);
            }
        });
        query.text().ifPresent(text -> {
            // Over the transcript only: every episode's provenance holds the same prompts, which would match everything.
            where.append(summaries ? " AND EXISTS (SELECT 1 FROM episodes WHERE episodes.id = episode_summaries.episode_id AND " + d.transcriptLike() + ")"
                    : " AND " + d.transcriptLike());
            parameters.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        String id = summaries ? "episode_id" : "id";
        String order = " ORDER BY " + sortExpression(query.sort(), d, id) + (query.descending() ? " DESC" : "") + ", " + id + (query.descending() ? " DESC" : "");
        String from = summaries ? " FROM episode_summaries" : " FROM episodes";
        String select = summaries
                ? "SELECT episode_id, run_id, scenario, condition, model, epoch, outcome, reason, attempt_kinds, judge_labels, started_at, finished_at, turns"
                : "SELECT id, run_id, scenario, condition, model, epoch, outcome, " + d.text("verdict", "reason") + ", "
                        + d.joined(d.field("a", "kind"), d.each("attempts", "a")) + ", "
                        + d.joined(d.field("j", "label"), d.each("judgements", "j")) + ","
                        + " started_at, finished_at, coalesce(" + d.lastTurn() + ", 0)";
        String sql = select + from + where + order + " LIMIT " + query.limit() + " OFFSET " + query.offset();
        return store.withConnection("list episodes", c -> {
            int total;
            try (PreparedStatement count = bind(c.prepareStatement("SELECT count(*)" + from + where), parameters);
                    ResultSet r = count.executeQuery()) {
                r.next();
                total = r.getInt(1);
            }
            List<EpisodeRow> rows = new ArrayList<>();
            try (PreparedStatement page = bind(c.prepareStatement(sql), parameters); ResultSet r = page.executeQuery()) {
                while (r.next()) {
                    var started = Schema.time(r.getString(11));
                    var finished = Schema.time(r.getString(12));
                    rows.add(new EpisodeRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
                            r.getString(7), Optional.ofNullable(r.getString(8)).orElse(""),
                            summaries ? EpisodeSummaries.values(r.getString(9)) : split(r.getString(9)),
                            summaries ? EpisodeSummaries.values(r.getString(10)) : split(r.getString(10)),
                            started, java.time.Duration.between(started, finished).toMillis(), r.getInt(13)));
                }
            }
            return new EpisodePage(rows, total, query.offset());
        });
    }

    /** The attempt kinds, judge labels and eval-awareness labels stored in a cell's episodes, for the viewer's filter choices. */
    public Map<String, List<String>> facets(String scenario, String model, String condition, java.util.Set<String> runs) {
        return facets(scenario, model, condition, runs, java.util.Set.of());
    }

    /** The same for the episodes of {@code designs} only (see {@link EpisodeQuery#designs()}). */
    public Map<String, List<String>> facets(String scenario, String model, String condition, java.util.Set<String> runs,
            java.util.Set<EpisodeQuery.Design> designs) {
        boolean summaries = store.summariesComplete();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        equal(where, parameters, "scenario", scenario);
        equal(where, parameters, "model", model);
        equal(where, parameters, "condition", condition);
        in(where, parameters, "run_id", runs);
        if (summaries && !designs.isEmpty()) {
            designs(where, parameters, designs);
        }
        Dialect d = store.dialect();
        return store.withConnection("list filter choices", c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (summaries) {
                out.put("outcome", strings(c, "SELECT DISTINCT outcome FROM episode_summaries" + where + " ORDER BY 1", parameters));
                out.put("attemptKind", merged(strings(c, "SELECT DISTINCT attempt_kinds FROM episode_summaries" + where, parameters)));
                out.put("judgeLabel", merged(strings(c, "SELECT DISTINCT judge_labels FROM episode_summaries" + where, parameters)));
                out.put("awareness", strings(c, "SELECT DISTINCT eval_awareness FROM episode_summaries" + where + " ORDER BY 1", parameters));
                return out;
            }
            out.put("outcome", strings(c, "SELECT DISTINCT outcome FROM episodes" + where + " ORDER BY 1", parameters));
            out.put("attemptKind", strings(c, "SELECT DISTINCT " + d.field("a", "kind") + " AS v FROM episodes, " + d.each("attempts", "a")
                    + where + " ORDER BY v", parameters));
            out.put("judgeLabel", strings(c, "SELECT DISTINCT " + d.field("j", "label") + " AS v FROM episodes, " + d.each("judgements", "j")
                    + where + " ORDER BY v", parameters));
            boolean hasAwareness;
            try (Statement s = c.createStatement()) {
                hasAwareness = d.columns(s, "episodes").contains("eval_awareness");
            }
            out.put("awareness", hasAwareness ? strings(c, "SELECT DISTINCT eval_awareness FROM episodes" + where + " ORDER BY 1", parameters) : List.of());
            return out;
        });
    }

    private static void designs(StringBuilder where, List<Object> parameters, java.util.Set<EpisodeQuery.Design> designs) {
        where.append(" AND (");
        String or = "";
        for (EpisodeQuery.Design design : designs.stream().sorted(java.util.Comparator.comparing(EpisodeQuery.Design::runId)
                .thenComparing(EpisodeQuery.Design::basis).thenComparing(EpisodeQuery.Design::defence)).toList()) {
            where.append(or).append("(run_id = ? AND design_basis = ? AND defence = ?)");
            parameters.add(design.runId());
            parameters.add(EpisodeSummaries.encode(design.basis()));
            parameters.add(EpisodeSummaries.shown(design.defence()));
            or = " OR ";
        }
        where.append(')');
    }

    /** The distinct values of several stored lists, in code-point order. */
    private static List<String> merged(List<String> lists) {
        java.util.SortedSet<String> all = new TreeSet<>((a, b) -> java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        lists.forEach(l -> all.addAll(EpisodeSummaries.values(l)));
        return List.copyOf(all);
    }

    private static List<String> strings(Connection c, String sql, List<Object> parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = bind(c.prepareStatement(sql), parameters); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (r.getString(1) != null) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static String sortExpression(EpisodeQuery.Sort sort, Dialect d, String id) {
        return switch (sort) {
            case STARTED -> "started_at";
            case EPOCH -> "epoch";
            case OUTCOME -> "outcome";
            case DURATION -> d.duration();
            case ID -> id;
        };
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(String.valueOf(UNIT)));
    }

    private static void equal(StringBuilder where, List<Object> parameters, String column, String value) {
        where.append(" AND ").append(column).append(" = ?");
        parameters.add(value);
    }

    private static void in(StringBuilder where, List<Object> parameters, String column, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (").append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(')');
            parameters.addAll(new TreeSet<>(values));
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, (String) parameters.get(i));
        }
        return statement;
    }
}
