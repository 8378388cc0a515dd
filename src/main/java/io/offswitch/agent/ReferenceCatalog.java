package io.offswitch.agent;

import io.offswitch.OffswitchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario's reference agents as data: each behaviour either stands alone ({@code reference/compliant})
 * or comes in strategies ({@code reference/saboteur:chmod}). Without {@code :STRATEGY} the episode's seed
 * picks one, cycling through them all over consecutive seeds, so a run of several epochs shows every
 * strategy. The names, help lines, usage errors and recorded settings are made here once for every
 * scenario.
 */
public final class ReferenceCatalog implements ReferenceAgentCatalog {
    public static final String PREFIX = "reference/";

    private sealed interface Entry {
        String name();

        String description();
    }

    /** Makes a fresh agent for one episode, given the name it was asked by and the settings to record. */
    @FunctionalInterface
    public interface Maker {
        Agent make(String name, Map<String, String> settings);
    }

    /** The same for a behaviour with strategies, given the strategy chosen. */
    @FunctionalInterface
    public interface StrategyMaker<S extends Strategy> {
        Agent make(String name, Map<String, String> settings, S strategy);
    }

    private record Plain(String name, String description, Maker make) implements Entry {}

    private record Strategic<S extends Strategy>(String name, String description, List<S> strategies, StrategyMaker<S> make)
            implements Entry {}

    private final Map<String, Entry> entries;
    /** The names in the order they were added, which help texts keep. */
    private final List<String> order;
    private final List<String> defaults;

    private ReferenceCatalog(Map<String, Entry> entries, List<String> order, List<String> defaults) {
        this.entries = Map.copyOf(entries);
        this.order = List.copyOf(order);
        this.defaults = List.copyOf(defaults);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a scenario's behaviours in the order help texts list them. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private Optional<List<String>> defaults = Optional.empty();

        private Builder() {}

        /**
         * A behaviour without strategies. {@code make} gets the name asked for and the settings to record
         * ({@code behaviour}) and returns a fresh agent for one episode.
         */
        public Builder plain(String behaviour, String description, Maker make) {
            return add(new Plain(PREFIX + behaviour, description, make));
        }

        /**
         * A behaviour with strategies. {@code make} gets the name asked for, the settings to record
         * ({@code behaviour}, {@code strategy}, and {@code strategyChosenBy}: {@code name} or {@code seed})
         * and the strategy.
         */
        public <S extends Strategy> Builder strategic(String behaviour, String description, List<S> strategies, StrategyMaker<S> make) {
            if (strategies.isEmpty()) {
                throw new IllegalArgumentException(behaviour + " has no strategy");
            }
            return add(new Strategic<>(PREFIX + behaviour, description, List.copyOf(strategies), make));
        }

        /** What {@code run SCENARIO} uses without {@code --model}; by default every behaviour, in order. */
        public Builder defaults(String... behaviours) {
            List<String> names = new ArrayList<>();
            for (String b : behaviours) {
                if (!entries.containsKey(PREFIX + b)) {
                    throw new IllegalArgumentException("no reference agent " + PREFIX + b + " to make a default");
                }
                names.add(PREFIX + b);
            }
            this.defaults = Optional.of(List.copyOf(names));
            return this;
        }

        public ReferenceCatalog build() {
            List<String> order = List.copyOf(entries.keySet());
            return new ReferenceCatalog(entries, order, defaults.orElse(order));
        }

        private Builder add(Entry entry) {
            if (entries.putIfAbsent(entry.name(), entry) != null) {
                throw new IllegalArgumentException("two reference agents named " + entry.name());
            }
            return this;
        }
    }

    @Override
    public Optional<AgentFactory> resolve(String name) {
        int colon = name.indexOf(':');
        String base = colon >= 0 ? name.substring(0, colon) : name;
        Optional<String> strategy = colon >= 0 ? Optional.of(name.substring(colon + 1)) : Optional.empty();
        Entry entry = entries.get(base);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(switch (entry) {
            case Plain plain -> {
                if (strategy.isPresent()) {
                    throw OffswitchException.usage("'" + name + "': " + base + " takes no strategy; write just '" + base + "'"
                            + strategicNames().map(s -> " (strategies belong to " + s + ")").orElse(""));
                }
                Map<String, String> settings = Map.of("behaviour", behaviour(base));
                yield new ScriptedFactory(name, seed -> plain.make().make(name, settings));
            }
            case Strategic<?> strategic -> strategicFactory(name, strategy, strategic);
        });
    }

    private static <S extends Strategy> AgentFactory strategicFactory(String name, Optional<String> requested, Strategic<S> entry) {
        Optional<S> fixed = requested.map(wanted -> entry.strategies().stream().filter(s -> s.id().equals(wanted)).findFirst()
                .orElseThrow(() -> OffswitchException.usage("unknown strategy '" + wanted + "' in agent name '" + name + "'; valid strategies: "
                        + entry.strategies().stream().map(Strategy::id).collect(Collectors.joining(", "))
                        + " (or leave out ':STRATEGY' to let each episode's seed pick one)")));
        return new ScriptedFactory(name, seed -> {
            // floorMod keeps consecutive seeds (epochs) cycling through every strategy.
            S strategy = fixed.orElse(entry.strategies().get(Math.floorMod(seed, entry.strategies().size())));
            Map<String, String> settings = Map.of("behaviour", behaviour(entry.name()), "strategy", strategy.id(),
                    "strategyChosenBy", fixed.isPresent() ? "name" : "seed");
            return entry.make().make(name, settings, strategy);
        });
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : order) {
            names.add(name);
            if (entries.get(name) instanceof Strategic<?> s) {
                s.strategies().forEach(st -> names.add(name + ":" + st.id()));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> descriptions() {
        List<String> lines = new ArrayList<>();
        boolean anyStrategic = false;
        for (String name : order) {
            switch (entries.get(name)) {
                case Plain p -> lines.add(name + "  " + p.description());
                case Strategic<?> s -> {
                    anyStrategic = true;
                    lines.add(name + "[:STRATEGY]  " + s.description() + "; strategies:");
                    s.strategies().forEach(st -> lines.add("    " + st.id() + "  " + st.description()));
                }
            }
        }
        if (anyStrategic) {
            lines.add("  (without :STRATEGY, each episode's seed picks one)");
        }
        return List.copyOf(lines);
    }

    @Override
    public List<String> defaults() {
        return defaults;
    }

    private Optional<String> strategicNames() {
        List<String> names = order.stream().filter(n -> entries.get(n) instanceof Strategic<?>).toList();
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", names));
    }

    private static String behaviour(String name) {
        return name.substring(PREFIX.length());
    }
}
