package io.offswitch.scenario;

import io.offswitch.OffswitchException;
import io.offswitch.scenario.blackmail.BlackmailScenario;
import io.offswitch.scenario.exfiltration.ExfiltrationScenario;
import io.offswitch.scenario.legal.LegalScenario;
import io.offswitch.scenario.sandbagging.SandbaggingScenario;
import io.offswitch.scenario.oversight.OversightScenario;
import io.offswitch.scenario.notes.NotesScenario;
import io.offswitch.scenario.shutdown.ShutdownScenario;
import io.offswitch.scenario.worm.WormScenario;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The built-in scenarios, registered here by name: no scanning. */
public final class Scenarios {
    /** The scenario `offswitch run` runs when none is named: the one offswitch began with. */
    public static final String DEFAULT = ShutdownScenario.ID;

    /** A scenario's id and how to load it with the user's files; registering a scenario is one line here. */
    private record Registered(String id, Function<ScenarioOverrides, Scenario> load) {}

    private static final List<Registered> REGISTERED = List.of(
            new Registered(ShutdownScenario.ID, ShutdownScenario::load),
            new Registered(ExfiltrationScenario.ID, ExfiltrationScenario::load),
            new Registered(BlackmailScenario.ID, BlackmailScenario::load),
            new Registered(LegalScenario.ID, LegalScenario::load),
            new Registered(WormScenario.ID, WormScenario::load),
            new Registered(SandbaggingScenario.ID, SandbaggingScenario::load),
            new Registered(OversightScenario.ID, OversightScenario::load),
            new Registered(NotesScenario.ID, NotesScenario::load));

    private Scenarios() {}

    /** Every built-in scenario with its built-in text, in the order registered. */
    public static List<Scenario> all() {
        return REGISTERED.stream().map(r -> r.load().apply(ScenarioOverrides.none())).toList();
    }

    /** Every outcome label of every built-in scenario, the engine's last, each once. */
    public static List<String> allOutcomeLabels() {
        java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
        all().forEach(s -> s.outcomes().declared().forEach(o -> labels.add(o.label())));
        all().forEach(s -> s.outcomes().all().forEach(o -> labels.add(o.label())));
        return List.copyOf(labels);
    }

    /**
     * The outcome vocabulary of the scenario with this id, for reading stored episodes; a scenario this
     * offswitch does not know (a newer database's, an imported log's) gets one that counts nothing.
     */
    public static OutcomeVocabulary vocabulary(String scenarioId, List<io.offswitch.episode.Outcome> seen) {
        return builtIn(scenarioId).map(Scenario::outcomes).orElseGet(() -> OutcomeVocabulary.unknown(seen));
    }

    /**
     * The built-in scenarios with their built-in text, loaded once per process and shared. Readers of
     * stored episodes (export, import, the viewer, the report) ask about every episode, and loading a
     * scenario reads and hashes its resources: asked per episode, that made an export of 10,000 episodes
     * take minutes. Built-in scenarios are fixed by the jar, so one load gives the same answers.
     */
    public static List<Scenario> builtIn() {
        return Loaded.ALL;
    }

    /** The built-in scenario with this id as {@link #builtIn()} holds it, if there is one. */
    public static java.util.Optional<Scenario> builtIn(String id) {
        return builtIn().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static final class Loaded {
        static final List<Scenario> ALL = List.copyOf(all());
    }

    /** The built-in scenario with this id, or a usage error naming the valid ones. */
    public static Scenario resolve(String id) {
        return resolve(id, ScenarioOverrides.none());
    }

    /** The scenario with this id, its prompts and conditions replaced from the user's files. */
    public static Scenario resolve(String id, ScenarioOverrides overrides) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return REGISTERED.stream().filter(r -> r.id().equals(wanted)).findFirst()
                .map(r -> r.load().apply(overrides))
                .orElseThrow(() -> OffswitchException.usage("unknown scenario '" + id + "'; valid scenarios: "
                        + REGISTERED.stream().map(Registered::id).collect(Collectors.joining(", "))));
    }
}
