package io.offswitch.web;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.report.Cell;
import io.offswitch.report.Report;
import io.offswitch.report.TalliedReport;
import io.offswitch.store.EpisodeBrowser;
import io.offswitch.store.EpisodeQuery;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.EpisodeTally;
import io.offswitch.store.RunInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report of a set of runs, computed by the report package (so the viewer's cells, intervals and
 * published figures are the report's own) from the store's episode tallies: one aggregate query over
 * the episode summaries, no record read, again whenever the store has changed. A store without
 * complete summaries (written by an older offswitch and opened only for reading) is counted from its
 * records instead, kept in memory without their texts; when it changes, only the episodes stored,
 * judged again or forgotten since are read again (by their size in the file).
 */
final class Grids {
    private record Slot(long bytes, EpisodeRecord record) {}

    private record Cached(long version, Report report) {}

    private final EpisodeStore store;
    private final PriceTable prices;
    private final Map<String, Slot> records = new HashMap<>();
    private long recordsVersion = Long.MIN_VALUE;
    private Optional<List<EpisodeTally>> tallies;
    private long talliesVersion;
    private Map<String, String> plans;
    private long plansVersion;
    private final Map<SortedSet<String>, Cached> reports = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SortedSet<String>, Cached> eldest) {
            return size() > 16;
        }
    };

    Grids(EpisodeStore store, PriceTable prices) {
        this.store = store;
        this.prices = prices;
    }

    /** The report of {@code runs} (every run when empty). */
    synchronized Report of(SortedSet<String> runs) {
        long version = store.browser().dataVersion();
        Cached cached = reports.get(runs);
        if (cached != null && cached.version() == version) {
            return cached.report();
        }
        Map<String, String> plans = plans(version);
        Optional<List<EpisodeTally>> tallies = tallies(version);
        Report report = tallies.isPresent() ? TalliedReport.of(tallies.get(), runs, plans, prices) : fromRecords(version, runs, plans);
        reports.put(new TreeSet<>(runs), new Cached(version, report));
        return report;
    }

    /**
     * The designs whose episodes make up {@code cell} of the report of {@code runs}, for listing that
     * cell's episodes only; empty (any design) when the store has no summaries to tell them by.
     */
    synchronized Set<EpisodeQuery.Design> designs(Cell cell, SortedSet<String> runs) {
        long version = store.browser().dataVersion();
        return tallies(version).map(t -> TalliedReport.designs(t, runs, plans(version), cell.scenario(), cell.model(), cell.condition(),
                cell.defence(), cell.design())).orElse(Set.of());
    }

    private Optional<List<EpisodeTally>> tallies(long version) {
        if (talliesVersion != version || tallies == null) {
            tallies = store.browser().tallies();
            talliesVersion = version;
        }
        return tallies;
    }

    private Map<String, String> plans(long version) {
        if (plansVersion != version || plans == null) {
            Map<String, String> read = new TreeMap<>();
            for (RunInfo r : store.runs()) {
                read.put(r.runId(), r.planJson());
            }
            plans = read;
            plansVersion = version;
        }
        return plans;
    }

    /** The report from the records themselves, for a store without complete episode summaries (an older one, opened only for reading). */
    private Report fromRecords(long version, SortedSet<String> runs, Map<String, String> plans) {
        refresh(version);
        List<EpisodeRecord> selected = new ArrayList<>();
        for (Slot slot : records.values()) {
            if (runs.isEmpty() || runs.contains(slot.record().key().runId())) {
                selected.add(slot.record());
            }
        }
        // The store's order (start time, then id), so the report does not depend on the cache's.
        selected.sort(java.util.Comparator.comparing(EpisodeRecord::startedAt).thenComparing(EpisodeRecord::id));
        return Report.of(selected, plans, prices);
    }

    private void refresh(long version) {
        if (version == recordsVersion) {
            return;
        }
        List<EpisodeBrowser.Fingerprint> now = store.browser().fingerprints();
        Set<String> present = new HashSet<>();
        List<String> toRead = new ArrayList<>();
        Map<String, Long> bytes = new HashMap<>();
        for (EpisodeBrowser.Fingerprint f : now) {
            present.add(f.id());
            bytes.put(f.id(), f.bytes());
            Slot slot = records.get(f.id());
            if (slot == null || slot.bytes() != f.bytes()) {
                toRead.add(f.id());
            }
        }
        records.keySet().retainAll(present);
        for (EpisodeRecord r : store.browser().forCounting(toRead)) {
            records.put(r.id(), new Slot(bytes.get(r.id()), r));
        }
        recordsVersion = version;
    }
}
