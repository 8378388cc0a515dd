package io.offswitch.model;

import io.offswitch.OffswitchException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import io.offswitch.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cache of model calls ({@code --cache}, off by default), keyed on the whole request (model,
 * settings, conversation, tools) and the episode's seed. A hit returns the stored reply, so rerunning
 * the same episode costs nothing; other epochs of the same cell are other keys, so they stay
 * independent samples instead of replays of the first one.
 */
public final class ModelCache implements AutoCloseable {
    private final Connection db;
    private final Path path;

    public ModelCache(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            db = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (var s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=30000");
                s.execute("CREATE TABLE IF NOT EXISTS calls (key TEXT PRIMARY KEY, model TEXT NOT NULL, reply_json TEXT NOT NULL, created_at TEXT NOT NULL)");
            }
        } catch (SQLException | java.io.IOException e) {
            throw new OffswitchException(io.offswitch.ExitCode.FAILURE, "cannot open the model cache " + path + ": " + e.getMessage(), e);
        }
    }

    synchronized Optional<Message.Assistant> get(ModelName model, GenerateConfig config, long episodeSeed, List<Message> conversation, List<ToolSpec> tools) {
        try (PreparedStatement q = db.prepareStatement("SELECT reply_json FROM calls WHERE key = ?")) {
            q.setString(1, key(model, config, episodeSeed, conversation, tools));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(Json.read(rs.getString(1), Message.Assistant.class, "model cache " + path)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // a cache that cannot answer is a miss, never a failed episode
        }
    }

    synchronized void put(ModelName model, GenerateConfig config, long episodeSeed, List<Message> conversation, List<ToolSpec> tools, Message.Assistant reply) {
        try (PreparedStatement u = db.prepareStatement("INSERT OR IGNORE INTO calls (key, model, reply_json, created_at) VALUES (?, ?, ?, ?)")) {
            u.setString(1, key(model, config, episodeSeed, conversation, tools));
            u.setString(2, model.raw());
            u.setString(3, Json.write(reply));
            u.setString(4, java.time.Instant.now().toString());
            u.executeUpdate();
        } catch (SQLException e) {
            // Not cached: the next identical call will simply be made again.
        }
    }

    static String key(ModelName model, GenerateConfig config, long episodeSeed, List<Message> conversation, List<ToolSpec> tools) {
        return io.offswitch.Hashes.sha256(Json.write(Map.of("model", model.raw(), "settings", config.asSettings(), "episodeSeed", episodeSeed,
                "conversation", conversation, "tools", tools)));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
