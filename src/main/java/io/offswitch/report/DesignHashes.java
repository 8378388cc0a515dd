package io.offswitch.report;

import io.offswitch.episode.EpisodeDesign;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Provenance;
import java.util.Map;
import java.util.TreeMap;

/**
 * The design of an episode as a hash: what the agent was given (scenario, condition, their content
 * hashes, which cover prompts, world and tools), which agent with which settings (a replay file's
 * content, a model's generation settings), the sandbox backend it ran in, and the run's episode limits. Episodes with the same design
 * hash are samples of one experiment and may be pooled into one rate; others may not.
 */
final class DesignHashes {
    /** Characters of the hash shown in tables: enough to tell designs apart at a glance. */
    static final int SHOWN = 10;

    private DesignHashes() {}

    /**
     * @param limitsJson the episode limits from the run's stored plan, or "" when the run has no plan
     */
    static String of(EpisodeRecord record, String limitsJson) {
        return of(record, limitsJson, "");
    }

    /**
     * @param defenceDefinition the definition of the episode's defence from the run's stored plan, or ""
     */
    static String of(EpisodeRecord record, String limitsJson, String defenceDefinition) {
        return of(EpisodeDesign.basis(record), limitsJson, record.key().defence(), defenceDefinition);
    }

    /** The design of the episode's arm without its defence: the none arm a defended cell is compared with. */
    static String undefended(EpisodeRecord record, String limitsJson) {
        return of(EpisodeDesign.basis(record), limitsJson, io.offswitch.episode.EpisodeKey.NO_DEFENCE, "");
    }

    /**
     * The design hash of episodes whose design text is {@code basis} ({@link EpisodeDesign#basis}), in a
     * run with these limits, under {@code defence} with its definition: the same as {@link #of(EpisodeRecord, String, String)}
     * gives for such a record, for counting from the store's summaries.
     */
    static String of(String basis, String limitsJson, String defence, String defenceDefinition) {
        StringBuilder after = new StringBuilder(limitsJson);
        // A defence is another arm of the experiment: never pooled with the none arm. Left out for none,
        // so episodes stored before defences existed keep their designs.
        if (!defence.equals(io.offswitch.episode.EpisodeKey.NO_DEFENCE)) {
            after.append('\0').append("defence=").append(defence).append('\0').append(defenceDefinition);
        }
        return EpisodeDesign.hash(basis, after.toString());
    }

    /** The definition of each run's defences in its stored plan: run id to defence name to its definition's JSON. */
    static Map<String, Map<String, String>> defencesByRun(Map<String, String> planJsonByRun) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        planJsonByRun.forEach((run, json) -> {
            try {
                Map<String, String> byName = new TreeMap<>();
                io.offswitch.store.Json.mapper().readTree(json).path("defences")
                        .forEach(d -> byName.put(d.path("name").asText(), d.path("definition").toString()));
                out.put(run, byName);
            } catch (java.io.IOException | RuntimeException e) {
                // An unreadable plan: the defence's name alone is in the hash.
            }
        });
        return out;
    }

    /**
     * The hash that identifies the prompts an episode was given: system, user and continue prompt, in
     * that order, each followed by a NUL. A published row carries the same hash of the study's own texts.
     */
    static String prompts(Provenance p) {
        return EpisodeDesign.prompts(p);
    }

    static String prompts(String system, String user, String continuePrompt) {
        return EpisodeDesign.prompts(system, user, continuePrompt);
    }

    static String shown(String hash) {
        return hash.length() > SHOWN ? hash.substring(0, SHOWN) : hash;
    }

    /** The limits part of each run's stored plan, by run id; runs with no readable plan are left out. */
    static Map<String, String> limitsByRun(Map<String, String> planJsonByRun) {
        Map<String, String> out = new TreeMap<>();
        planJsonByRun.forEach((run, json) -> {
            try {
                var limits = io.offswitch.store.Json.mapper().readTree(json).path("limits");
                out.put(run, limits.isMissingNode() ? "" : limits.toString());
            } catch (java.io.IOException | RuntimeException e) {
                // An unreadable plan pools like a plan without limits; the design hash still holds the rest.
            }
        });
        return out;
    }
}
