package io.offswitch.episode;

import io.offswitch.Hashes;
import java.util.TreeMap;

/**
 * The parts of an episode's design that the episode itself carries: what the agent was given
 * (scenario, condition and their content hashes, which cover prompts, world and tools), which agent
 * with which settings, and the sandbox backend. The report's design hash is this text followed by the
 * run's episode limits; the store keeps the text with each episode, so a grid can be counted from
 * stored columns without reading the records.
 */
public final class EpisodeDesign {
    private EpisodeDesign() {}

    /** The design text of {@code record}, every part followed by a NUL; the run's limits go after it. */
    public static String basis(EpisodeRecord record) {
        Provenance p = record.provenance();
        StringBuilder text = new StringBuilder()
                .append(p.scenario()).append('\0').append(p.scenarioHash()).append('\0')
                .append(record.key().condition()).append('\0').append(p.conditionHash()).append('\0')
                .append(record.key().model()).append('\0');
        new TreeMap<>(p.agentSettings()).forEach((k, v) -> text.append(k).append('=').append(v).append('\0'));
        // bwrap and Docker machines differ in what the agent can see: two environments, two designs.
        return text.append(p.sandboxBackend()).append('\0').toString();
    }

    /** The design hash of an episode whose design text is {@code basis}, in a run whose plan's limits are {@code limitsJson}. */
    public static String hash(String basis, String limitsJson) {
        return Hashes.sha256(basis + limitsJson);
    }

    /**
     * The hash that identifies the prompts an episode was given: system, user and continue prompt, in
     * that order, each followed by a NUL. A published row carries the same hash of the study's own texts.
     */
    public static String prompts(Provenance p) {
        return prompts(p.systemPrompt(), p.userPrompt(), p.continuePrompt());
    }

    /** The prompts hash of these three texts, as {@link #prompts(Provenance)} gives for a record that was given them. */
    public static String prompts(String system, String user, String continuePrompt) {
        return Hashes.sha256(system + '\0' + user + '\0' + continuePrompt + '\0');
    }
}
