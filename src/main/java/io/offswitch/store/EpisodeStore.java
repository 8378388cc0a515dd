package io.offswitch.store;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finished episodes and runs, in an embedded SQLite file by default or in a PostgreSQL database
 * shared by a team ({@link StoreLocation}); the tables and the answers are the same in both, and
 * what differs in their SQL is in {@link Dialect}. Each {@link #save} is committed before it
 * returns, so a crash loses only the episodes still in flight. One connection serves all callers, one
 * at a time: SQLite allows a single writer anyway, and a lock (not {@code synchronized}) keeps waiting
 * virtual threads unpinned. With SQLite, WAL mode and a busy timeout let another process (a report,
 * the viewer) read while a run writes; PostgreSQL lets any number of processes do both.
 */
public final class EpisodeStore implements AutoCloseable {
    /** Where results go when the user names no other file. */
    public static final Path DEFAULT_PATH = Path.of("offswitch-results", "offswitch.db");

    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final String MOVE_ASIDE = ". Move the file aside or point offswitch at another database file";
    private static final String EPISODE_COLUMNS =
            "id, run_id, scenario, condition, model, epoch, outcome, attempted, agent_scripted, started_at, finished_at, record_json,"
            + " score, eval_awareness, defence";

    /** How long a store on a server waits for it to come back after its connection is lost (a restart, a network cut). */
    static final java.time.Duration RECONNECT_PATIENCE = java.time.Duration.ofSeconds(60);

    private final StoreLocation location;
    private final Dialect dialect;
    private final boolean forReading;
    /** Replaced when a PostgreSQL connection is lost; only under {@link #lock}. */
    private Connection connection;
    private boolean closed;
    private final ReentrantLock lock = new ReentrantLock();

    /** Opens the SQLite store at {@code path}, creating the file, its parent folders and its tables as needed. */
    public EpisodeStore(Path path) {
        this(new StoreLocation.SqliteFile(path));
    }

    /** Opens the store at {@code location}, creating its tables (and for SQLite its file and folders) as needed. */
    public EpisodeStore(StoreLocation location) {
        this(location, false, switch (location) {
            case StoreLocation.SqliteFile file -> open(file.path());
            case StoreLocation.Postgres pg -> openPostgres(pg);
        });
    }

    private EpisodeStore(StoreLocation location, boolean forReading, Connection connection) {
        this.location = location;
        this.dialect = location.dialect();
        this.forReading = forReading;
        this.connection = connection;
    }

    /**
     * Opens an existing store only to read it (report, show, list): nothing is created or migrated,
     * and it works in a folder or on a file this user cannot write, such as results copied from
     * another machine or shared read-only. Writes through it fail.
     */
    public static EpisodeStore openForReading(Path path) {
        return openForReading(new StoreLocation.SqliteFile(path));
    }

    /** {@link #openForReading(Path)} for any store: a PostgreSQL store is read in a session the server keeps read-only. */
    public static EpisodeStore openForReading(StoreLocation location) {
        return new EpisodeStore(location, true, switch (location) {
            case StoreLocation.SqliteFile file -> ReadOnlyConnection.open(file.path());
            case StoreLocation.Postgres pg -> ReadOnlyConnection.checked(pg.display(), Dialect.POSTGRES, PostgresConnection.open(pg, true));
        });
    }

    /** Where this store is. */
    public StoreLocation location() {
        return location;
    }

    /** How messages name this store: its file, or its URL without a password. */
    public String where() {
        return location.display();
    }

    private static Connection openPostgres(StoreLocation.Postgres pg) {
        Connection connection = PostgresConnection.open(pg, false);
        try {
            OptionalInt version = Schema.create(connection, Dialect.POSTGRES);
            if (version.isPresent() && version.getAsInt() > Schema.VERSION) {
                throw problem(pg.display(), "it was written by a newer offswitch (schema version " + version.getAsInt()
                        + ", this one knows up to " + Schema.VERSION + "). Upgrade offswitch to use it", null);
            }
            EpisodeSummaries.fill(connection, Dialect.POSTGRES, pg.display());
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw problem(pg.display(), "could not create the store's tables (" + e.getMessage() + ")"
                    + (e.getSQLState() != null && e.getSQLState().startsWith("42") ? "; the user needs the right to create tables in this database" : ""), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static Connection open(Path path) {
        if (Files.isDirectory(path)) {
            throw problem(path, "it is a folder, not a file" + MOVE_ASIDE, null);
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (java.nio.file.AccessDeniedException e) {
            throw problem(path, "cannot create its folder " + path.getParent() + ": permission denied for " + e.getFile()
                    + ". Run in a results folder you can write (--results DIR)", e);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw problem(path, e.getFile() + " is a file where its folder should be; move it aside or choose another --results DIR", e);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw problem(path, "cannot create its folder " + path.getParent() + ": " + reason
                    + ". Run in a results folder you can write (--results DIR)", e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                // Reading the journal mode is the first real read of the file: a non-database fails here.
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
            }
            OptionalInt version = Schema.create(connection, Dialect.SQLITE);
            if (version.isPresent() && version.getAsInt() > Schema.VERSION) {
                throw problem(path, "it was written by a newer offswitch (schema version " + version.getAsInt()
                        + ", this one knows up to " + Schema.VERSION + "). Upgrade offswitch to read it", null);
            }
            EpisodeSummaries.fill(connection, Dialect.SQLITE, path.toString());
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            // A folder or file we may not write is not a broken database: say what is wrong instead.
            ReadOnlyConnection.notWritable(path).ifPresent(why -> {
                throw problem(path, why + ", so a run cannot store results there. Run in a results folder you can write"
                        + " (--results DIR); `offswitch report`, `show` and `list` can still read this one", e);
            });
            throw problem(path, "it is not a readable SQLite database (" + e.getMessage() + ")" + MOVE_ASIDE, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    static OffswitchException problem(Path path, String why, Throwable cause) {
        return problem(path.toString(), why, cause);
    }

    static OffswitchException problem(String where, String why, Throwable cause) {
        return new OffswitchException(ExitCode.FAILURE, "cannot use the results database " + where + ": " + why + ".", cause);
    }

    private static final String INSERT_RUN = "INSERT INTO runs (run_id, created_at, scenario, plan_json, command_line, offswitch_version)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING";
    private static final String INSERT_EPISODE = "INSERT INTO episodes (" + EPISODE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    private static void bindRun(PreparedStatement insert, RunInfo run) throws SQLException {
        insert.setString(1, run.runId());
        insert.setString(2, Schema.time(run.createdAt()));
        insert.setString(3, run.scenario());
        insert.setString(4, run.planJson());
        insert.setString(5, run.commandLine());
        insert.setString(6, run.version());
    }

    private static void bindEpisode(PreparedStatement insert, EpisodeRecord record, String json) throws SQLException {
        insert.setString(1, record.id());
        insert.setString(2, record.key().runId());
        insert.setString(3, record.key().scenario());
        insert.setString(4, record.key().condition());
        insert.setString(5, record.key().model());
        insert.setInt(6, record.key().epoch());
        insert.setString(7, record.verdict().outcome().label());
        insert.setInt(8, record.attempted() ? 1 : 0);
        insert.setInt(9, record.provenance().agentScripted() ? 1 : 0);
        insert.setString(10, Schema.time(record.startedAt()));
        insert.setString(11, Schema.time(record.finishedAt()));
        insert.setString(12, json);
        if (record.score().isPresent()) {
            insert.setDouble(13, record.score().get());
        } else {
            insert.setNull(13, java.sql.Types.DOUBLE);
        }
        insert.setString(14, record.statedAwareness().orElse(null));
        insert.setString(15, record.key().defence());
    }

    /** Records a run; recording the same run id again (a resumed run) keeps the first record. */
    public void createRun(RunInfo run) {
        locked("record run " + run.runId(), () -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    INSERT_RUN)) {
                bindRun(insert, run);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Replaces a run's plan and command line: the run was extended with more epochs. */
    public void updateRunPlan(String runId, String planJson, String commandLine) {
        locked("update run " + runId, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET plan_json = ?, command_line = ? WHERE run_id = ?")) {
                update.setString(1, planJson);
                update.setString(2, commandLine);
                update.setString(3, runId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Stores a finished episode and commits it. Saving an id that is already stored keeps the stored
     * one: episode ids are deterministic, so a second save of the same id is the same result.
     *
     * @return whether this call stored the episode (false when the id was already there)
     */
    public boolean save(EpisodeRecord record) {
        String json = Json.write(record);
        // One transaction: the episode and the end of its claim are committed together (one commit, not two).
        return locked("save episode " + record.id(), () -> Dialect.transaction(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EPISODE)) {
                bindEpisode(insert, record, json);
                boolean stored = insert.executeUpdate() == 1;
                if (stored) {
                    EpisodeSummaries.insert(connection, List.of(record));
                }
                try (PreparedStatement unclaim = connection.prepareStatement("DELETE FROM claims WHERE episode_id = ?")) {
                    unclaim.setString(1, record.id());
                    unclaim.executeUpdate();
                }
                return stored;
            }
        }));
    }

    /**
     * Adds judgements to a stored episode (judges run again on it, {@code offswitch judge}); judgements
     * already there are never removed or changed, and neither is the verdict. In one write transaction
     * taken before the record is read, so two processes judging one episode at once cannot lose each
     * other's judgements. Judgements live in the record's JSON: records stored before judges existed
     * read with none, and older offswitch versions read the records as before.
     *
     * @param onlyNew when true, a judgement is added only if its judge has no judgement of the episode
     *                yet other than {@code error} (so a judge run twice at once judges once)
     * @return the judgements added (empty when the episode is not stored, or every judge had judged it)
     */
    public List<Judgement> addJudgements(String episodeId, List<Judgement> judgements, boolean onlyNew) {
        return locked("add judgements to episode " + episodeId, () -> dialect.writeTransaction(connection, () -> {
            List<Judgement> added = new ArrayList<>();
            Optional<String> json = Optional.empty();
            try (PreparedStatement query = prepare("SELECT record_json FROM episodes WHERE id = ?" + dialect.forUpdate(), episodeId);
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    json = Optional.of(row.getString(1));
                }
            }
            if (json.isPresent()) {
                EpisodeRecord record = Json.read(json.get(), EpisodeRecord.class, "episode " + episodeId + " in " + where());
                for (Judgement j : judgements) {
                    boolean judged = record.judgements().stream().anyMatch(o -> o.judge().equals(j.judge()) && !o.label().equals("error"))
                            || added.stream().anyMatch(o -> o.judge().equals(j.judge()) && !o.label().equals("error"));
                    if (!onlyNew || !judged) {
                        added.add(j);
                    }
                }
                if (!added.isEmpty()) {
                    EpisodeRecord judged = record.withJudgements(added);
                    try (PreparedStatement update = prepare("UPDATE episodes SET record_json = ? WHERE id = ?",
                            Json.write(judged), episodeId)) {
                        update.executeUpdate();
                    }
                    EpisodeSummaries.replace(connection, judged);
                }
            }
            return added;
        }));
    }

    /**
     * Adds a judgement to one answer of a stored episode's follow-up interview ({@code offswitch judge}),
     * as {@link #addJudgements} does to the episode: in one write transaction, nothing removed or
     * changed, the answer's deciding label kept as the run recorded it.
     *
     * @param index    the answer's position in {@link EpisodeRecord#followUps()}
     * @param answerId the answer's question id, which must be at that position
     * @return whether it was added (not when the episode or answer is not stored, or, with {@code onlyNew},
     *         its judge had judged the answer already other than {@code error})
     */
    public boolean addFollowUpJudgement(String episodeId, int index, String answerId, Judgement judgement, boolean onlyNew) {
        return locked("add a judgement to the interview of episode " + episodeId, () -> dialect.writeTransaction(connection, () -> {
            boolean added = false;
            Optional<String> json = Optional.empty();
            try (PreparedStatement query = prepare("SELECT record_json FROM episodes WHERE id = ?" + dialect.forUpdate(), episodeId);
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    json = Optional.of(row.getString(1));
                }
            }
            if (json.isPresent()) {
                EpisodeRecord record = Json.read(json.get(), EpisodeRecord.class, "episode " + episodeId + " in " + where());
                List<io.offswitch.episode.FollowUp> answers = new ArrayList<>(record.followUps());
                if (index >= 0 && index < answers.size() && answers.get(index).id().equals(answerId)) {
                    io.offswitch.episode.FollowUp f = answers.get(index);
                    boolean judged = f.judgements().stream().anyMatch(o -> o.judge().equals(judgement.judge()) && !o.label().equals("error"));
                    if (!onlyNew || !judged) {
                        List<Judgement> all = new ArrayList<>(f.judgements());
                        all.add(judgement);
                        answers.set(index, f.judged(all, f.label()));
                        try (PreparedStatement update = prepare("UPDATE episodes SET record_json = ? WHERE id = ?",
                                Json.write(record.withFollowUps(answers)), episodeId)) {
                            update.executeUpdate();
                        }
                        added = true;
                    }
                }
            }
            return added;
        }));
    }

    /**
     * Stores a run with all its episodes in one transaction (an import): either all of it is stored or,
     * on any failure, none. Episodes already stored (the same file imported again) are kept as they are.
     *
     * @return how many episodes this call stored
     */
    public int saveRun(RunInfo run, List<EpisodeRecord> records) {
        List<String> json = records.parallelStream().map(Json::write).toList();
        return locked("store run " + run.runId(), () -> Dialect.transaction(connection, () -> {
            int stored = 0;
            try (PreparedStatement insertRun = connection.prepareStatement(
                    INSERT_RUN);
                    PreparedStatement insert = connection.prepareStatement(INSERT_EPISODE)) {
                bindRun(insertRun, run);
                insertRun.executeUpdate();
                List<EpisodeRecord> added = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    EpisodeRecord record = records.get(i);
                    bindEpisode(insert, record, json.get(i));
                    if (insert.executeUpdate() == 1) {
                        stored++;
                        added.add(record);
                    }
                }
                EpisodeSummaries.insert(connection, added);
            }
            return stored;
        }));
    }

    /**
     * Asks to run episode {@code episodeId} of run {@code runId} as {@code owner}. Every step is one
     * atomic statement, so of two processes asking at once exactly one is granted; a claim whose owner
     * is gone from this host, or whose heartbeat is older than {@code staleAfter}, is taken over.
     */
    public Claim claim(String runId, String episodeId, ClaimOwner owner, java.time.Duration staleAfter) {
        return locked("claim episode " + episodeId, () -> {
            String now = Schema.time(java.time.Instant.now());
            try (PreparedStatement insert = prepare("INSERT INTO claims (episode_id, run_id, owner, claimed_at, heartbeat_at)"
                    + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM episodes WHERE id = ?) ON CONFLICT (episode_id) DO NOTHING",
                    episodeId, runId, owner.id(), now, now, episodeId)) {
                if (insert.executeUpdate() == 1) {
                    return new Claim.Granted(false);
                }
            }
            String holder;
            String heartbeat;
            try (PreparedStatement query = prepare("SELECT owner, heartbeat_at FROM claims WHERE episode_id = ?", episodeId);
                    ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    // No claim, so the insert failed because the episode is stored.
                    return new Claim.Finished();
                }
                holder = rows.getString(1);
                heartbeat = rows.getString(2);
            }
            if (holder.equals(owner.id())) {
                return new Claim.Granted(false);
            }
            boolean gone = ClaimOwner.parse(holder).map(h -> h.goneFrom(owner.host())).orElse(true);
            boolean silent = Schema.time(heartbeat).isBefore(java.time.Instant.now().minus(staleAfter));
            if (!gone && !silent) {
                return new Claim.HeldBy(ClaimOwner.parse(holder).map(ClaimOwner::describe).orElse(holder));
            }
            // Compare-and-set on the holder we saw: if another process took it over first, it is theirs.
            try (PreparedStatement takeOver = prepare("UPDATE claims SET owner = ?, claimed_at = ?, heartbeat_at = ?"
                    + " WHERE episode_id = ? AND owner = ? AND NOT EXISTS (SELECT 1 FROM episodes WHERE id = ?)",
                    owner.id(), now, now, episodeId, holder, episodeId)) {
                return takeOver.executeUpdate() == 1 ? new Claim.Granted(true) : new Claim.HeldBy("another offswitch process");
            }
        });
    }

    /** Gives up {@code owner}'s claim on an episode it did not store (interrupted, stopped). */
    public void release(String episodeId, ClaimOwner owner) {
        locked("release episode " + episodeId, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM claims WHERE episode_id = ? AND owner = ?")) {
                delete.setString(1, episodeId);
                delete.setString(2, owner.id());
                return delete.executeUpdate();
            }
        });
    }

    /** Marks every claim of {@code owner} as alive now, so other machines do not take them over. */
    public void heartbeat(ClaimOwner owner) {
        locked("renew claims", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE claims SET heartbeat_at = ? WHERE owner = ?")) {
                update.setString(1, Schema.time(java.time.Instant.now()));
                update.setString(2, owner.id());
                return update.executeUpdate();
            }
        });
    }

    /**
     * A monitor's stored reply (its JSON as {@link #putMonitorCall} got it) for this monitor, prompt and
     * input, if one is stored. The key is the three together: another model, another prompt or another
     * input is another call.
     */
    public Optional<String> monitorCall(String monitor, String promptHash, String inputHash) {
        List<String> found = queryStrings("SELECT reply_json FROM monitor_calls WHERE key = ?", monitorKey(monitor, promptHash, inputHash));
        return found.stream().findFirst();
    }

    /** Keeps a monitor's reply; the first one stored for a key stays. */
    public void putMonitorCall(String monitor, String promptHash, String inputHash, String replyJson) {
        locked("store a monitor call", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO monitor_calls (key, monitor, prompt_hash, input_hash, reply_json,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, monitorKey(monitor, promptHash, inputHash));
                insert.setString(2, monitor);
                insert.setString(3, promptHash);
                insert.setString(4, inputHash);
                insert.setString(5, replyJson);
                insert.setString(6, Schema.time(java.time.Instant.now()));
                return insert.executeUpdate();
            }
        });
    }

    /** Puts a question to a person: pending until its deadline (see {@link Approval}). */
    public void openApproval(Approval a) {
        locked("store a pending approval", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO approvals (id, run_id, episode_id, kind, turn, subject, created_at,"
                    + " deadline_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, a.id());
                insert.setString(2, a.runId());
                insert.setString(3, a.episodeId());
                insert.setString(4, a.kind());
                insert.setInt(5, a.turn());
                insert.setString(6, a.subject());
                insert.setString(7, Schema.time(a.createdAt()));
                insert.setString(8, Schema.time(a.deadline()));
                insert.setString(9, Approval.PENDING);
                return insert.executeUpdate();
            }
        });
    }

    /** The questions still waiting for an answer, before their deadline, oldest first. */
    public List<Approval> pendingApprovals() {
        return approvals("WHERE state = ? AND deadline_at > ? ORDER BY created_at, id", Approval.PENDING, Schema.time(java.time.Instant.now()));
    }

    /** The question of that id, if there is one. */
    public Optional<Approval> approval(String id) {
        return approvals("WHERE id = ?", id).stream().findFirst();
    }

    /**
     * A person's answer: true when it was taken, false when the question was already answered, closed or
     * past its deadline (then nothing changes: an answer comes once, and never after the wait ended).
     */
    public boolean decideApproval(String id, boolean approve, String by) {
        java.time.Instant now = java.time.Instant.now();
        return locked("record an approval", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?"
                    + " WHERE id = ? AND state = ? AND deadline_at > ?")) {
                update.setString(1, approve ? Approval.APPROVED : Approval.DENIED);
                update.setString(2, by);
                update.setString(3, Schema.time(now));
                update.setString(4, id);
                update.setString(5, Approval.PENDING);
                update.setString(6, Schema.time(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Ends the wait for a question: still pending, it is closed as no answer. Returns the question as it stands. */
    public Approval closeApproval(String id) {
        locked("close an approval", () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE approvals SET state = ?, decided_at = ? WHERE id = ? AND state = ?")) {
                update.setString(1, Approval.NO_ANSWER);
                update.setString(2, Schema.time(java.time.Instant.now()));
                update.setString(3, id);
                update.setString(4, Approval.PENDING);
                return update.executeUpdate();
            }
        });
        return approval(id).orElseThrow(() -> new IllegalStateException("no approval " + id + " in " + where()));
    }

    private List<Approval> approvals(String where, String... parameters) {
        return locked("read approvals", () -> {
            List<Approval> out = new ArrayList<>();
            try (PreparedStatement q = connection.prepareStatement("SELECT id, run_id, episode_id, kind, turn, subject, created_at, deadline_at, state,"
                    + " decided_by, decided_at FROM approvals " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    q.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        out.add(new Approval(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6),
                                Schema.time(rows.getString(7)), Schema.time(rows.getString(8)), rows.getString(9), Optional.ofNullable(rows.getString(10)),
                                Optional.ofNullable(rows.getString(11)).map(Schema::time)));
                    }
                }
            }
            return out;
        });
    }

    /** How many monitor replies are stored (for tests and `offswitch monitor`'s summary). */
    public int monitorCalls() {
        return Integer.parseInt(queryStrings("SELECT CAST(count(*) AS TEXT) FROM monitor_calls").getFirst());
    }

    private static String monitorKey(String monitor, String promptHash, String inputHash) {
        return io.offswitch.Hashes.sha256(monitor + "\0" + promptHash + "\0" + inputHash);
    }

    public Optional<EpisodeRecord> find(String id) {
        return queryRecords("SELECT id, record_json FROM episodes WHERE id = ?", id).stream().findFirst();
    }

    /**
     * The episode whose id is {@code idOrPrefix}, or else the only one whose id starts with it.
     *
     * @throws OffswitchException (usage) when the prefix matches several episodes, naming some of them
     */
    public Optional<EpisodeRecord> findByPrefix(String idOrPrefix) {
        Optional<EpisodeRecord> exact = find(idOrPrefix);
        if (exact.isPresent() || idOrPrefix.isEmpty()) {
            return exact;
        }
        List<String> ids = queryStrings(
                "SELECT id FROM episodes WHERE substr(id, 1, length(?)) = ? ORDER BY id LIMIT 6", idOrPrefix, idOrPrefix);
        if (ids.size() > 1) {
            throw OffswitchException.usage("episode id prefix '" + idOrPrefix + "' matches several episodes, e.g. "
                    + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + "; give more of the id");
        }
        return ids.isEmpty() ? Optional.empty() : find(ids.get(0));
    }

    /** The episodes of one run, or of all runs; in the order they started. */
    public List<EpisodeRecord> episodes(Optional<String> runId) {
        return runId.isPresent()
                ? queryRecords("SELECT id, record_json FROM episodes WHERE run_id = ? ORDER BY started_at, id", runId.get())
                : queryRecords("SELECT id, record_json FROM episodes ORDER BY started_at, id");
    }

    /** The ids of the episodes of a run already stored: a resumed run skips these. */
    public Set<String> finishedKeys(String runId) {
        return new LinkedHashSet<>(queryStrings("SELECT id FROM episodes WHERE run_id = ? ORDER BY id", runId));
    }

    /**
     * Forgets the run's episodes that ended as {@code error}, so that resuming the run runs them again
     * ({@code run --retry-errors}); returns how many were forgotten. Other outcomes are never touched.
     */
    public int forgetErrors(String runId) {
        return locked("forget errors of run " + runId, () -> {
            return Dialect.transaction(connection, () -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM episodes WHERE run_id = ? AND outcome = 'error'")) {
                    delete.setString(1, runId);
                    int forgotten = delete.executeUpdate();
                    EpisodeSummaries.removeOrphans(connection);
                    return forgotten;
                }
            });
        });
    }

    /** All recorded runs, oldest first. */
    public List<RunInfo> runs() {
        return locked("list runs", () -> {
            List<RunInfo> runs = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT run_id, created_at, scenario, plan_json, command_line,"
                            + " offswitch_version FROM runs ORDER BY created_at, run_id")) {
                while (rows.next()) {
                    runs.add(new RunInfo(rows.getString(1), Schema.time(rows.getString(2)), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
            return runs;
        });
    }

    /**
     * The episodes that pass {@code filter}, most recent first, without reading their transcripts:
     * attempt kinds come from the stored JSON through SQLite's JSON functions.
     */
    public List<EpisodeSummary> summaries(EpisodeFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, run_id, scenario, condition, model, epoch, outcome, started_at, "
                + dialect.joined(dialect.field("a", "kind"), dialect.each("attempts", "a")) + " FROM episodes WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        in(sql, parameters, "run_id", filter.runs());
        in(sql, parameters, "outcome", filter.outcomes());
        in(sql, parameters, "model", filter.models());
        in(sql, parameters, "condition", filter.conditions());
        filter.attemptKind().ifPresent(kind -> {
            switch (kind) {
                case "any" -> sql.append(" AND attempted = 1");
                case "none" -> sql.append(" AND attempted = 0");
                default -> {
                    sql.append(" AND EXISTS (SELECT 1 FROM ").append(dialect.each("attempts", "a")).append(" WHERE ")
                            .append(dialect.field("a", "kind")).append(" = ?)");
                    parameters.add(kind);
                }
            }
        });
        sql.append(" ORDER BY started_at DESC, id LIMIT ").append(filter.limit());
        return locked("list episodes", () -> {
            List<EpisodeSummary> out = new ArrayList<>();
            try (PreparedStatement query = prepare(sql.toString(), parameters.toArray(String[]::new)); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String kinds = rows.getString(9);
                    out.add(new EpisodeSummary(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getInt(6), rows.getString(7),
                            kinds == null || kinds.isBlank() ? List.of() : List.of(kinds.split("\u001f")), Schema.time(rows.getString(8))));
                }
            }
            return out;
        });
    }

    private static void in(StringBuilder sql, List<String> parameters, String column, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (").append(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))).append(')');
            parameters.addAll(new java.util.TreeSet<>(values));
        }
    }

    /** The distinct values of one column, for error messages that list what there is. */
    public List<String> distinct(String column) {
        if (!List.of("run_id", "model", "condition", "outcome").contains(column)) {
            throw new IllegalArgumentException("not a listable column: " + column);
        }
        return queryStrings("SELECT DISTINCT " + column + " FROM episodes ORDER BY " + column);
    }

    /** Every run id in the store: recorded runs, then runs known only from their episodes; oldest first. */
    public List<String> runIds() {
        return queryStrings("SELECT run_id FROM (SELECT run_id, created_at AS at FROM runs"
                + " UNION ALL SELECT run_id, min(started_at) AS at FROM episodes GROUP BY run_id) AS known"
                + " GROUP BY run_id ORDER BY min(at), run_id");
    }

    /** The most recently started run: from the runs table, or from episodes saved without a run record. */
    public Optional<String> latestRunId() {
        return queryStrings("SELECT run_id FROM (SELECT run_id, created_at AS at FROM runs"
                + " UNION ALL SELECT run_id, min(started_at) AS at FROM episodes GROUP BY run_id) AS known"
                + " ORDER BY at DESC, run_id DESC LIMIT 1").stream().findFirst();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw problem(where(), "closing it failed (" + e.getMessage() + ")", e);
        } finally {
            lock.unlock();
        }
    }

    private List<EpisodeRecord> queryRecords(String sql, String... parameters) {
        List<String[]> rows = locked("read episodes", () -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement query = prepare(sql, parameters); ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    found.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
            return found;
        });
        // Decoded outside the lock and on every core: a large run's records are most of the time spent here.
        return rows.parallelStream().map(row -> Json.read(row[1], EpisodeRecord.class, "episode " + row[0] + " in " + where()))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private List<String> queryStrings(String sql, String... parameters) {
        return locked("read episodes", () -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }

    private PreparedStatement prepare(String sql, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }

    /** The viewer's queries over this store (filtered, sorted pages of episodes; run progress). */
    public EpisodeBrowser browser() {
        return new EpisodeBrowser(this);
    }

    interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on the store's connection under its lock; for the store package's other query classes. */
    <T> T withConnection(String what, ConnectionWork<T> work) {
        return locked(what, () -> work.run(connection));
    }

    Dialect dialect() {
        return dialect;
    }

    private long summariesCheckedAt;
    private boolean summariesChecked;
    private boolean summariesComplete;

    /**
     * Whether every stored episode has its summary row ({@link EpisodeSummaries}), so the viewer's
     * queries may read those rows alone; checked again only when the store has changed.
     */
    boolean summariesComplete() {
        return locked("check the episode summaries", () -> {
            long version;
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(dialect.dataVersionQuery())) {
                r.next();
                version = r.getLong(1);
            }
            if (!summariesChecked || version != summariesCheckedAt) {
                summariesComplete = EpisodeSummaries.complete(connection, dialect);
                summariesCheckedAt = version;
                summariesChecked = true;
            }
            return summariesComplete;
        });
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} under the lock. When the connection to a PostgreSQL server is lost, it
     * reconnects (waiting up to {@link #RECONNECT_PATIENCE} for the server) and runs the work again:
     * every write here is safe to repeat (inserts keep what is stored, updates set values), so a
     * finished episode is not lost to a server restart or a network cut.
     */
    private <T> T locked(String what, SqlWork<T> work) {
        lock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    return work.run();
                } catch (SQLException e) {
                    if (!(location instanceof StoreLocation.Postgres pg) || attempt >= 2 || !lost(e)) {
                        throw problem(where(), "could not " + what + " (" + e.getMessage() + ")", e);
                    }
                    reconnect(pg, what, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code e} means the connection is gone (rather than the statement being wrong). */
    private boolean lost(SQLException e) {
        if (closed) {
            return false;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return true;
        }
        try {
            return connection.isClosed() || !connection.isValid(5);
        } catch (SQLException again) {
            return true;
        }
    }

    private void reconnect(StoreLocation.Postgres pg, String what, SQLException cause) {
        closeQuietly(connection);
        long deadline = System.nanoTime() + RECONNECT_PATIENCE.toNanos();
        OffswitchException last = null;
        while (System.nanoTime() < deadline) {
            try {
                connection = PostgresConnection.open(pg, forReading);
                return;
            } catch (OffswitchException e) {
                last = e;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        OffswitchException gone = problem(where(), "the connection was lost while trying to " + what + " (" + cause.getMessage()
                + ") and the server did not take a new one within " + RECONNECT_PATIENCE.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()), cause);
        throw gone;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing with a better message.
            }
        }
    }
}
