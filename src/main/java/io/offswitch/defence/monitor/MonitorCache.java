package io.offswitch.defence.monitor;

import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Where a monitor's replies are kept, keyed by monitor (its model's name), prompt hash and input hash. */
public interface MonitorCache {
    /** One stored reply: its text verbatim and the tokens it cost when it was made. */
    record Reply(String text, long inputTokens, long outputTokens) {}

    Optional<Reply> get(String monitor, String promptHash, String inputHash);

    void put(String monitor, String promptHash, String inputHash, Reply reply);

    /** The episode store's table of monitor calls: shared by every process on the store, kept with the runs. */
    static MonitorCache of(EpisodeStore store) {
        return new MonitorCache() {
            @Override
            public Optional<Reply> get(String monitor, String promptHash, String inputHash) {
                try {
                    return store.monitorCall(monitor, promptHash, inputHash).map(j -> Json.read(j, Reply.class, "monitor call in " + store.where()));
                } catch (RuntimeException e) {
                    return Optional.empty(); // a cache that cannot answer is a miss, never a failed decision
                }
            }

            @Override
            public void put(String monitor, String promptHash, String inputHash, Reply reply) {
                try {
                    store.putMonitorCall(monitor, promptHash, inputHash, Json.write(reply));
                } catch (RuntimeException e) {
                    // Not cached: the same question is asked again next time.
                }
            }
        };
    }

    /** In memory only, for one process (a caller without a store). */
    static MonitorCache inMemory() {
        ConcurrentHashMap<String, Reply> map = new ConcurrentHashMap<>();
        return new MonitorCache() {
            @Override
            public Optional<Reply> get(String monitor, String promptHash, String inputHash) {
                return Optional.ofNullable(map.get(monitor + "\0" + promptHash + "\0" + inputHash));
            }

            @Override
            public void put(String monitor, String promptHash, String inputHash, Reply reply) {
                map.putIfAbsent(monitor + "\0" + promptHash + "\0" + inputHash, reply);
            }
        };
    }
}
