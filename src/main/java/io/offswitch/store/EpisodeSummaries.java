package io.offswitch.store;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeDesign;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One row per stored episode of what the viewer counts and filters on (design, defence, outcome,
 * tokens, attempt kinds, judge labels, eval awareness, turns), in a narrow table of its own, so that a grid
 * over ten thousand episodes is one aggregate query and a filtered page never reads a record. The
 * record's JSON stays the source: a row is computed from it, written in the transaction that writes
 * the record (save, import, copy, judge again), and rows missing from a store written by an older
 * offswitch are filled in when the store is opened for writing. A store opened only for reading whose
 * rows are not all there is read the old way, from the records ({@link #complete}).
 *
 * <p>Kept out of the episodes table because columns added there come after the record's JSON, and
 * SQLite reaches them only by walking the record's overflow pages.
 *
 * <p>Lists (attempt kinds, judge labels) are stored distinct, in code-point order (SQLite's byte order
 * of UTF-8), each followed and preceded by {@link #UNIT}, so a filter is a plain substring test. Text
 * columns hold no NUL and no half surrogate (PostgreSQL's text cannot); display columns have them
 * replaced, and the design text, which is hashed, is escaped reversibly ({@link #encode}).
 */
final class EpisodeSummaries {
    static final char UNIT = '\u001f';
    static final String TABLE = """
            CREATE TABLE IF NOT EXISTS episode_summaries (
                episode_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                scenario TEXT NOT NULL,
                condition TEXT NOT NULL,
                model TEXT NOT NULL,
                epoch INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                attempted INTEGER NOT NULL,
                agent_scripted INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                design_basis TEXT NOT NULL,
                prompts_hash TEXT NOT NULL,
                scenario_hash TEXT NOT NULL,
                condition_hash TEXT NOT NULL,
                input_tokens BIGINT NOT NULL,
                output_tokens BIGINT NOT NULL,
                reasoning_tokens BIGINT NOT NULL,
                cached_tokens BIGINT NOT NULL,
                model_calls INTEGER NOT NULL,
                attempt_kinds TEXT NOT NULL,
                judge_labels TEXT NOT NULL,
                judgements INTEGER NOT NULL,
                eval_awareness TEXT,
                reason TEXT NOT NULL,
                turns INTEGER NOT NULL,
                defence TEXT NOT NULL,
                strategy TEXT NOT NULL)""";
    /**
     * The grid's aggregate ({@link EpisodeBrowser#tallies}) read from one index in its GROUP BY order,
     * holding every column it reads: a scan of the index alone, without a sort and without a lookup of
     * each row (10,000 episodes: ~35 ms instead of ~250 ms under load, and the grid is counted again
     * after every episode a run stores). SQLite only: a PostgreSQL b-tree entry is limited to about
     * 2.7 kB, which a long design text could pass, and a failed insert would lose an episode.
     */
    static final String SQLITE_TALLY_INDEX = "CREATE INDEX IF NOT EXISTS episode_summaries_tally ON episode_summaries (scenario, model, condition,"
            + " run_id, design_basis, prompts_hash, scenario_hash, condition_hash, outcome, attempted, agent_scripted, defence, strategy, started_at,"
            + " episode_id, input_tokens, output_tokens, reasoning_tokens, cached_tokens, model_calls)";
    static final String[] INDEXES = {
        "CREATE INDEX IF NOT EXISTS episode_summaries_by_cell ON episode_summaries (scenario, model, condition, started_at)",
        "CREATE INDEX IF NOT EXISTS episode_summaries_by_run ON episode_summaries (run_id)",
    };
    private static final String INSERT = "INSERT INTO episode_summaries (episode_id, run_id, scenario, condition, model, epoch, outcome,"
            + " attempted, agent_scripted, started_at, finished_at, design_basis, prompts_hash, scenario_hash, condition_hash, input_tokens,"
            + " output_tokens, reasoning_tokens, cached_tokens, model_calls, attempt_kinds, judge_labels, judgements, eval_awareness, reason, turns,"
            + " defence, strategy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (episode_id) DO NOTHING";
    private static final int BATCH = 500;

    private EpisodeSummaries() {}

    /** Writes the rows of {@code records} that are not there yet, in the caller's transaction. */
    static void insert(Connection c, Collection<EpisodeRecord> records) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (EpisodeRecord r : records) {
                bind(insert, r);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Replaces the row of {@code record} (judged again), in the caller's transaction. */
    static void replace(Connection c, EpisodeRecord record) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM episode_summaries WHERE episode_id = ?")) {
            delete.setString(1, record.id());
            delete.executeUpdate();
        }
        insert(c, List.of(record));
    }

    /** Removes the rows whose episode is gone (forgotten errors), in the caller's transaction. */
    static void removeOrphans(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM episode_summaries WHERE NOT EXISTS (SELECT 1 FROM episodes WHERE episodes.id = episode_summaries.episode_id)");
        }
    }

    /**
     * Computes and writes the rows missing for stored episodes (a store written by an older offswitch, or
     * copied past it), a batch per transaction; rows whose episode is gone are removed. A record that
     * cannot be read gets no row and is reported by the queries that read it, as before.
     */
    static void fill(Connection c, Dialect dialect, String where) throws SQLException {
        Dialect.transaction(c, () -> {
            removeOrphans(c);
            return null;
        });
        String after = "";
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, record_json FROM episodes WHERE id > ? AND NOT EXISTS"
                    + " (SELECT 1 FROM episode_summaries WHERE episode_summaries.episode_id = episodes.id) ORDER BY id LIMIT " + BATCH)) {
                s.setString(1, after);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            after = rows.getLast()[0];
            List<EpisodeRecord> records = rows.parallelStream().map(row -> {
                try {
                    return CountingJson.read(row[1], "episode " + row[0] + " in " + where);
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).toList();
            dialect.writeTransaction(c, () -> {
                insert(c, records);
                return null;
            });
        }
    }

    /** Whether every stored episode has its row and every row its episode, so queries may read the rows alone. */
    static boolean complete(Connection c, Dialect dialect) throws SQLException {
        if (!dialect.hasTable(c, "episode_summaries")) {
            return false;
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM episodes), (SELECT count(*) FROM episode_summaries),"
                        + " (SELECT count(*) FROM episodes WHERE NOT EXISTS (SELECT 1 FROM episode_summaries WHERE episode_summaries.episode_id = episodes.id))")) {
            r.next();
            return r.getLong(1) == r.getLong(2) && r.getLong(3) == 0;
        }
    }

    private static void bind(PreparedStatement insert, EpisodeRecord r) throws SQLException {
        Usage tokens = Usage.NONE;
        int calls = 0;
        for (TranscriptEntry e : r.transcript()) {
            if (e.message() instanceof Message.Assistant a) {
                tokens = tokens.plus(a.usage());
                calls++;
            }
        }
        int i = 1;
        insert.setString(i++, r.id());
        insert.setString(i++, r.key().runId());
        insert.setString(i++, r.key().scenario());
        insert.setString(i++, r.key().condition());
        insert.setString(i++, r.key().model());
        insert.setInt(i++, r.key().epoch());
        insert.setString(i++, r.verdict().outcome().label());
        insert.setInt(i++, r.attempted() ? 1 : 0);
        insert.setInt(i++, r.provenance().agentScripted() ? 1 : 0);
        insert.setString(i++, Schema.time(r.startedAt()));
        insert.setString(i++, Schema.time(r.finishedAt()));
        insert.setString(i++, encode(EpisodeDesign.basis(r)));
        insert.setString(i++, EpisodeDesign.prompts(r.provenance()));
        insert.setString(i++, encode(r.provenance().scenarioHash()));
        insert.setString(i++, encode(r.provenance().conditionHash()));
        insert.setLong(i++, tokens.inputTokens());
        insert.setLong(i++, tokens.outputTokens());
        insert.setLong(i++, tokens.reasoningTokens());
        insert.setLong(i++, tokens.cachedTokens());
        insert.setInt(i++, calls);
        insert.setString(i++, list(r.attempts().stream().map(Attempt::kind).toList()));
        insert.setString(i++, list(r.judgements().stream().map(Judgement::label).toList()));
        insert.setInt(i++, r.judgements().size());
        insert.setString(i++, r.statedAwareness().map(EpisodeSummaries::shown).orElse(null));
        insert.setString(i++, shown(r.verdict().reason()));
        insert.setInt(i++, r.transcript().isEmpty() ? 0 : r.transcript().getLast().turn());
        insert.setString(i++, shown(r.key().defence()));
        // A reference agent's strategy, which the report's cells name (the same for every episode of a design).
        insert.setString(i, encode(r.provenance().agentSettings().getOrDefault("strategy", "")));
    }

    /** The stored form of a list: distinct, in code-point order, each value between two {@link #UNIT}s; empty when none. */
    static String list(List<String> values) {
        TreeSet<String> sorted = new TreeSet<>(EpisodeSummaries::byCodePoint);
        values.forEach(v -> sorted.add(shown(v)));
        return sorted.isEmpty() ? "" : UNIT + String.join(String.valueOf(UNIT), sorted) + UNIT;
    }

    /** The values of a stored list, in its order. */
    static List<String> values(String stored) {
        if (stored == null || stored.length() < 2) {
            return List.of();
        }
        return List.of(stored.substring(1, stored.length() - 1).split(String.valueOf(UNIT), -1));
    }

    /** What a filter for {@code value} looks for in a stored list. */
    static String member(String value) {
        return UNIT + shown(value) + UNIT;
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** {@code text} as a display column holds it: NUL and half surrogates replaced by U+FFFD. */
    static String shown(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean bad = ch == 0 || lone(text, i);
            if (bad && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                out.append(bad ? '\ufffd' : ch);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code text} with backslash, NUL and half surrogates escaped, so {@link #decode} gives it back exactly. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\') {
                out.append("\\\\");
            } else if (ch == 0 || lone(text, i)) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static String decode(String stored) {
        StringBuilder out = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char ch = stored.charAt(i);
            if (ch == '\\' && i + 1 < stored.length() && stored.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else if (ch == '\\' && i + 5 < stored.length() && stored.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(stored.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean lone(String text, int i) {
        char ch = text.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(ch)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
