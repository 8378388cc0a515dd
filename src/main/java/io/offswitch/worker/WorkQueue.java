package io.offswitch.worker;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.store.StoreLocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queue of planned episodes in a PostgreSQL store: db-scheduler's own table
 * ({@code scheduled_tasks}, its documented PostgreSQL schema), one task instance per episode, named by
 * the episode's id (so queueing it twice queues it once) and carrying its run's id. An instance is
 * removed when its episode is stored, so an empty queue means every queued episode is done.
 */
public final class WorkQueue {
    /** The task every queued episode is an instance of. */
    static final String TASK = "offswitch-episode";
    static final TaskDescriptor<String> EPISODE = TaskDescriptor.of(TASK, String.class);

    private WorkQueue() {}

    /**
     * db-scheduler's table for PostgreSQL, and the run's spending per worker ({@link SharedBudget}).
     * Created under a transaction-scoped advisory lock: two workers starting at once would otherwise
     * race in CREATE TABLE IF NOT EXISTS (PostgreSQL then fails one with a duplicate type).
     */
    static void createTables(DataSource source, String where) {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7220011)");
                s.execute("CREATE TABLE IF NOT EXISTS scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
                        + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,"
                        + " last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,"
                        + " last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,"
                        + " PRIMARY KEY (task_name, task_instance))");
                s.execute("CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)");
                s.execute("CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
                s.execute("CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
                s.execute("CREATE TABLE IF NOT EXISTS queue_given_up (episode_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, worker TEXT NOT NULL,"
                        + " tries INT NOT NULL, error TEXT NOT NULL, given_up_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS run_spend (run_id TEXT NOT NULL, worker TEXT NOT NULL, tokens BIGINT NOT NULL,"
                        + " cost_usd DOUBLE PRECISION NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (run_id, worker))");
            }
            c.commit();
        } catch (SQLException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot use the results database " + where + " for workers: could not create"
                    + " the work queue's tables (" + e.getMessage() + "); the user needs the right to create tables in this database.", e);
        }
    }

    /**
     * Queues the episodes of run {@code runId} that are not stored yet; returns how many were new to the
     * queue (an episode already queued, or being run, is left as it is).
     */
    public static int enqueue(StoreLocation.Postgres store, String runId, List<String> episodeIds) {
        try (com.zaxxer.hikari.HikariDataSource source = store.pool(2)) {
            createTables(source, store.display());
            SchedulerClient client = SchedulerClient.Builder.create(source).build();
            int added = 0;
            Instant now = Instant.now();
            for (String id : episodeIds) {
                if (client.scheduleIfNotExists(EPISODE.instance(id).data(runId).scheduledTo(now))) {
                    added++;
                }
            }
            forgetGivenUp(source, runId, episodeIds, store.display());
            return added;
        }
    }

    /** An episode queued again gets its tries anew: its record of having been given up goes. */
    private static void forgetGivenUp(DataSource source, String runId, List<String> episodeIds, String where) {
        try (Connection c = source.getConnection();
                PreparedStatement d = c.prepareStatement("DELETE FROM queue_given_up WHERE run_id = ? AND episode_id = ANY (?)")) {
            d.setString(1, runId);
            d.setArray(2, c.createArrayOf("text", episodeIds.toArray()));
            d.executeUpdate();
        } catch (SQLException e) {
            throw new OffswitchException(ExitCode.FAILURE, "the episodes of run " + runId + " are queued in " + where
                    + ", but their records of having been given up could not be cleared: " + e.getMessage(), e);
        }
    }

    /** Records that an episode was given up after {@code tries} failed tries; an episode given up twice keeps its latest record. */
    static void recordGivenUp(DataSource source, String runId, String episodeId, String worker, int tries, String error) {
        try (Connection c = source.getConnection();
                PreparedStatement i = c.prepareStatement("INSERT INTO queue_given_up (episode_id, run_id, worker, tries, error, given_up_at)"
                        + " VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (episode_id) DO UPDATE SET run_id = excluded.run_id, worker = excluded.worker,"
                        + " tries = excluded.tries, error = excluded.error, given_up_at = excluded.given_up_at")) {
            i.setString(1, episodeId);
            i.setString(2, runId);
            i.setString(3, worker);
            i.setInt(4, tries);
            i.setString(5, error);
            i.executeUpdate();
        } catch (SQLException e) {
            // Thrown to the scheduler: the episode stays queued and is tried again, rather than leaving unrecorded.
            throw new IllegalStateException("could not record that " + episodeId + " was given up: " + e.getMessage(), e);
        }
    }

    /** An episode the queue gave up on, as recorded. */
    public record GivenUp(String runId, String episodeId, String worker, int tries, String error) {}

    /** The episodes given up and not queued again since, oldest first. */
    public static List<GivenUp> givenUp(DataSource source) throws SQLException {
        try (Connection c = source.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT run_id, episode_id, worker, tries, error FROM queue_given_up ORDER BY given_up_at, episode_id");
                ResultSet r = q.executeQuery()) {
            List<GivenUp> out = new java.util.ArrayList<>();
            while (r.next()) {
                out.add(new GivenUp(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5)));
            }
            return out;
        }
    }

    /** How many queued episodes are not done yet (waiting, or being run by some worker). */
    static long remaining(DataSource source) throws SQLException {
        try (Connection c = source.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM scheduled_tasks WHERE task_name = ?")) {
            q.setString(1, TASK);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
