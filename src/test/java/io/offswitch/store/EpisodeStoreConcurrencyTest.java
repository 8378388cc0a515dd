package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class EpisodeStoreConcurrencyTest {
    @TempDir
    Path dir;

    @Parameter
    StoreKind kind;

    @Test
    void fiftyVirtualThreadsSavingAtOnceLoseNothingAndDuplicateNothing() throws Exception {
        StoreLocation file = kind.location(dir, "offswitch.db");
        List<EpisodeRecord> records = new ArrayList<>();
        for (int epoch = 0; epoch < 50; epoch++) {
            records.add(SampleEpisodes.sabotaged("r1", "openai/o3", "A", epoch));
        }
        try (EpisodeStore store = new EpisodeStore(file);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (EpisodeRecord record : records) {
                saves.add(threads.submit(() -> store.save(record)));
                // The same episode saved twice at once (a retried worker) must still leave one row.
                saves.add(threads.submit(() -> store.save(record)));
                threads.submit(() -> store.episodes(Optional.of("r1")));
            }
            long stored = 0;
            for (Future<Boolean> save : saves) {
                stored += save.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(50);
        }

        try (EpisodeStore reopened = new EpisodeStore(file)) {
            assertThat(reopened.episodes(Optional.of("r1"))).containsExactlyInAnyOrderElementsOf(records);
        }
    }

    @Test
    void twoConnectionsSavingTheSameEpisodesAtOnceStoreEachOnceAsFirstWritten() throws Exception {
        StoreLocation location = kind.location(dir, "shared.db");
        List<EpisodeRecord> records = new ArrayList<>();
        for (int epoch = 0; epoch < 40; epoch++) {
            records.add(SampleEpisodes.sabotaged("r1", "openai/o3", "A", epoch));
        }
        // Two processes' worth: each its own connection, each saving every episode (a worker that retried).
        try (EpisodeStore a = new EpisodeStore(location); EpisodeStore b = new EpisodeStore(location);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (EpisodeRecord record : records) {
                saves.add(threads.submit(() -> a.save(record)));
                saves.add(threads.submit(() -> b.save(record)));
            }
            long stored = 0;
            for (Future<Boolean> save : saves) {
                stored += save.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(records.size());
            assertThat(a.episodes(Optional.of("r1"))).containsExactlyInAnyOrderElementsOf(records);
            assertThat(b.finishedKeys("r1")).hasSize(records.size());
        }
    }
}
