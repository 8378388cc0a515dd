package io.offswitch.inspect;

import io.offswitch.episode.Outcome;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.List;
import java.util.Optional;

/**
 * The built-in scenarios, loaded once per process. An export or import asks about every episode
 * (its vocabulary, its reading of a transcript), and loading a scenario reads and hashes its
 * resources: asked per episode, that was most of a 10,000-episode export's time. Built-in scenarios
 * are fixed by the jar, so loading them once gives the same answers.
 */
final class KnownScenarios {
    private KnownScenarios() {}

    private static final class Holder {
        static final List<Scenario> ALL = List.copyOf(Scenarios.all());
    }

    static List<Scenario> all() {
        return Holder.ALL;
    }

    static Optional<Scenario> byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** As {@link Scenarios#vocabulary}: a scenario this offswitch does not know counts nothing. */
    static OutcomeVocabulary vocabulary(String scenarioId, List<Outcome> seen) {
        return byId(scenarioId).map(Scenario::outcomes).orElseGet(() -> OutcomeVocabulary.unknown(seen));
    }
}
