package io.offswitch.report;

import io.offswitch.episode.EpisodeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One cell per (scenario, model, condition) of the given episodes, in a stable reading order. */
public record Report(List<Cell> cells, List<ModelUsage> usage) {
    public Report {
        cells = List.copyOf(cells);
        usage = List.copyOf(usage);
    }

    /** Condition letters (A..K) first in order, then named conditions such as {@code control} alphabetically. */
    static final Comparator<String> CONDITION_ORDER =
            Comparator.<String, Boolean>comparing(c -> c.length() != 1).thenComparing(Comparator.naturalOrder());

    private record CellKey(String scenario, String model, String condition) {}

    private static final Comparator<CellKey> CELL_ORDER = Comparator.comparing(CellKey::scenario)
            .thenComparing(CellKey::model)
            .thenComparing(CellKey::condition, CONDITION_ORDER);

    /** The report of {@code records} with the published figures carried with offswitch beside each cell. */
    public static Report of(List<EpisodeRecord> records) {
        return of(records, PublishedFigures.bundled(), io.offswitch.model.PriceTable.builtIn());
    }

    /** The same, pricing model usage with {@code prices} (the built-in table or a user's). */
    public static Report of(List<EpisodeRecord> records, io.offswitch.model.PriceTable prices) {
        return of(records, PublishedFigures.bundled(), prices);
    }

    static Report of(List<EpisodeRecord> records, PublishedFigures published) {
        return of(records, published, io.offswitch.model.PriceTable.builtIn());
    }

    static Report of(List<EpisodeRecord> records, PublishedFigures published, io.offswitch.model.PriceTable prices) {
        Map<CellKey, List<EpisodeRecord>> byCell = new TreeMap<>(CELL_ORDER);
        for (EpisodeRecord record : records) {
            CellKey key = new CellKey(record.key().scenario(), record.key().model(), record.key().condition());
            byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        List<Cell> cells = new ArrayList<>();
        byCell.forEach((key, cellRecords) -> cells.add(Cell.of(key.scenario(), key.model(), key.condition(), cellRecords,
                published.match(key.scenario(), key.model(), key.condition()))));
        return new Report(cells, ModelUsage.of(records, prices));
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
