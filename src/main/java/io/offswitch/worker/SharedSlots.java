package io.offswitch.worker;

import io.offswitch.model.ConnectionLimits;
import io.offswitch.store.StoreLocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * {@code --max-connections} for every worker of a run together: slot {@code i} of a provider is the
 * PostgreSQL session advisory lock (hash of run and provider, i), taken with pg_try_advisory_lock on
 * this worker's own connection. The server keeps the count, so N slots mean N calls in flight over all
 * workers; a worker that dies loses its session and with it its slots, so nothing stays taken. The
 * same session can take a lock twice (they stack), so the slots this worker holds are also kept here and
 * never asked for again until released. If the connection is lost (a server restart), its locks are
 * gone with it, but not the calls that hold them: the slots this worker's calls still use stay theirs
 * here (never handed to another call of this worker before they are released) and are locked again on
 * the new session as soon as there is one, so the other workers see them taken again.
 */
final class SharedSlots implements ConnectionLimits.AcrossProcesses, AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final DataSource source;
    private final String runId;
    private final ReentrantLock lock = new ReentrantLock();
    /** Slots ("provider#slot") in use by this worker's calls, whether or not the current session holds their locks. */
    private final Set<String> held = new HashSet<>();
    /** Of those, the ones locked on the current session. */
    private final Set<String> locked = new HashSet<>();
    private Connection connection;

    SharedSlots(StoreLocation.Postgres store, String runId) {
        this.source = store.dataSource();
        this.runId = runId;
    }

    @Override
    public int acquire(String provider, int limit) throws InterruptedException {
        int key = (runId + "\u0000" + provider).hashCode();
        while (true) {
            int start = ThreadLocalRandom.current().nextInt(limit);
            for (int i = 0; i < limit; i++) {
                int slot = (start + i) % limit;
                if (tryTake(key, provider, slot)) {
                    return slot;
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private boolean tryTake(int key, String provider, int slot) {
        lock.lock();
        try {
            if (held.contains(provider + "#" + slot)) {
                return false;
            }
            try {
                if (lock(connection(), key, slot)) {
                    held.add(provider + "#" + slot);
                    locked.add(provider + "#" + slot);
                    return true;
                }
                return false;
            } catch (SQLException e) {
                lost();
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(String provider, int slot) {
        lock.lock();
        try {
            String name = provider + "#" + slot;
            if (!held.remove(name) || !locked.remove(name) || connection == null) {
                return;
            }
            try (PreparedStatement give = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                give.setInt(1, (runId + "\u0000" + provider).hashCode());
                give.setInt(2, slot);
                give.executeQuery().close();
            } catch (SQLException e) {
                lost();
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean lock(Connection c, int key, int slot) throws SQLException {
        try (PreparedStatement take = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            take.setInt(1, key);
            take.setInt(2, slot);
            try (ResultSet r = take.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** The session, made anew after a loss, with the locks of the slots still in use taken again on it. */
    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = source.getConnection();
            try {
                for (String name : held) {
                    int at = name.lastIndexOf('#');
                    // Taken by another worker meanwhile (it saw the slot free): ours stays in use here all the same.
                    if (lock(fresh, (runId + "\u0000" + name.substring(0, at)).hashCode(), Integer.parseInt(name.substring(at + 1)))) {
                        locked.add(name);
                    }
                }
            } catch (SQLException e) {
                locked.clear();
                fresh.close();
                throw e;
            }
            connection = fresh;
        }
        return connection;
    }

    /** The session is gone, and its advisory locks with it; the calls holding slots still hold them here. */
    private void lost() {
        locked.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already gone.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            lost();
            held.clear();
        } finally {
            lock.unlock();
        }
    }
}
