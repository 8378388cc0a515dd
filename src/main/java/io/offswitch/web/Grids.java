package io.offswitch.web;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report of a set of runs, computed by the report package from the stored records (so the viewer's
 * cells, intervals and published figures are the report's own) and kept until the store changes: a
 * grid asked for again is served from memory, and a run in progress is read again once per commit.
 */
final class Grids {
    private record Cached(long version, Report report) {}

    private final EpisodeStore store;
    private final PriceTable prices;
    private final Map<SortedSet<String>, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SortedSet<String>, Cached> eldest) {
            return size() > 8;
        }
    };

    Grids(EpisodeStore store, PriceTable prices) {
        this.store = store;
        this.prices = prices;
    }

    /** The report of {@code runs} (every run when empty). */
    synchronized Report of(SortedSet<String> runs) {
        long version = store.browser().dataVersion();
        Cached entry = cache.get(runs);
        if (entry != null && entry.version() == version) {
            return entry.report();
        }
        Map<String, String> plans = new TreeMap<>();
        for (RunInfo r : store.runs()) {
            plans.put(r.runId(), r.planJson());
        }
        List<EpisodeRecord> records = new ArrayList<>();
        if (runs.isEmpty()) {
            records.addAll(store.browser().forCounting(Optional.empty()));
        } else {
            runs.forEach(r -> records.addAll(store.browser().forCounting(Optional.of(r))));
        }
        Report report = Report.of(records, plans, prices);
        cache.put(new TreeSet<>(runs), new Cached(version, report));
        return report;
    }
}
