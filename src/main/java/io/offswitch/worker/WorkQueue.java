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
            return added;
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
