package io.offswitch.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A run's budget held for all its workers: each worker writes what its model calls of the run used so
 * far into its own row of {@code run_spend} (its own counter, so no two workers write the same row and
 * nothing is counted twice), and before an episode starts the rows of every worker of the run are
 * added up. A worker that died keeps its row: what it spent was spent.
 */
final class SharedBudget {
    /** What the run's workers together have used. */
    record Spent(long tokens, double costUsd) {}

    private final DataSource source;
    private final String worker;

    SharedBudget(DataSource source, String worker) {
        this.source = source;
        this.worker = worker;
    }

    /** Records this worker's totals for the run and returns the run's totals over all workers. */
    Spent record(String runId, long tokens, double costUsd) throws SQLException {
        try (Connection c = source.getConnection()) {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO run_spend (run_id, worker, tokens, cost_usd, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, worker) DO UPDATE SET tokens = EXCLUDED.tokens,"
                    + " cost_usd = EXCLUDED.cost_usd, updated_at = EXCLUDED.updated_at")) {
                upsert.setString(1, runId);
                upsert.setString(2, worker);
                upsert.setLong(3, tokens);
                upsert.setDouble(4, costUsd);
                upsert.setTimestamp(5, Timestamp.from(Instant.now()));
                upsert.executeUpdate();
            }
            try (PreparedStatement sum = c.prepareStatement("SELECT coalesce(sum(tokens), 0), coalesce(sum(cost_usd), 0) FROM run_spend WHERE run_id = ?")) {
                sum.setString(1, runId);
                try (ResultSet r = sum.executeQuery()) {
                    r.next();
                    return new Spent(r.getLong(1), r.getDouble(2));
                }
            }
        }
    }

    /** Why the run's budget is spent, if it is. */
    static Optional<String> exhausted(Spent spent, Optional<Long> maxTokens, Optional<Double> maxCostUsd) {
        if (maxTokens.isPresent() && spent.tokens() >= maxTokens.get()) {
            return Optional.of("token budget reached: " + spent.tokens() + " of " + maxTokens.get() + " tokens used by all workers of the run");
        }
        if (maxCostUsd.isPresent() && spent.costUsd() >= maxCostUsd.get()) {
            return Optional.of(String.format("cost budget reached: $%.4f of $%.2f spent by all workers of the run", spent.costUsd(), maxCostUsd.get()));
        }
        return Optional.empty();
    }
}
