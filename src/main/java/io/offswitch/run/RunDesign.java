package io.offswitch.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.store.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes a run one experiment: scenario and its hash, conditions with their hashes, agents with
 * what defines them beyond their names (a replay file's content hash, a model's generation settings),
 * epochs and episode limits. Stored as the run's plan JSON. Resuming a run under another design
 * would mix two experiments in one set of results, so a resume compares the designs first. Order
 * does not matter (conditions {@code A,E} and {@code E,A} plan the same episodes).
 *
 * @param agents each agent's name with its {@link AgentFactory#definition() definition}; an edited
 *               replay file is another design, so it starts a new run instead of resuming the old one
 * @param limits empty when read from a plan stored before limits were recorded; then not compared
 * @param judge  the LLM judge whose label is the verdict ({@code run --judge}): {@code name} and what else
 *               defines it (its endpoint); empty when the scenario's rules judge decides. Another judge
 *               is another experiment, so another run id.
 * @param defences each defence of the plan besides {@code none} (always there), with its
 *                 {@link io.offswitch.defence.Defence#definition() definition}; empty for a run without
 *                 defences, whose plan JSON (and so its id) is what it was before defences existed
 */
public record RunDesign(String scenario, String scenarioHash, SortedMap<String, String> conditionHashes,
        SortedMap<String, SortedMap<String, String>> agents, int epochs, Optional<EpisodeLimits> limits, String sandbox,
        SortedMap<String, String> judge, SortedMap<String, SortedMap<String, String>> defences) {
    /** The default backend; left out of the JSON so that runs on it keep the ids they always had. */
    static final String DEFAULT_SANDBOX = "bwrap";

    public RunDesign(String scenario, String scenarioHash, SortedMap<String, String> conditionHashes,
            SortedMap<String, SortedMap<String, String>> agents, int epochs, Optional<EpisodeLimits> limits) {
        this(scenario, scenarioHash, conditionHashes, agents, epochs, limits, DEFAULT_SANDBOX);
    }

    public RunDesign(String scenario, String scenarioHash, SortedMap<String, String> conditionHashes,
            SortedMap<String, SortedMap<String, String>> agents, int epochs, Optional<EpisodeLimits> limits, String sandbox) {
        this(scenario, scenarioHash, conditionHashes, agents, epochs, limits, sandbox, new TreeMap<>());
    }

    public RunDesign(String scenario, String scenarioHash, SortedMap<String, String> conditionHashes,
            SortedMap<String, SortedMap<String, String>> agents, int epochs, Optional<EpisodeLimits> limits, String sandbox,
            SortedMap<String, String> judge) {
        this(scenario, scenarioHash, conditionHashes, agents, epochs, limits, sandbox, judge, new TreeMap<>());
    }

    public RunDesign {
        SortedMap<String, SortedMap<String, String>> d = new TreeMap<>();
        defences.forEach((name, definition) -> d.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(definition))));
        d.remove(io.offswitch.defence.Defence.NONE_NAME);
        defences = Collections.unmodifiableSortedMap(d);
        judge = Collections.unmodifiableSortedMap(new TreeMap<>(judge));
        conditionHashes = Collections.unmodifiableSortedMap(new TreeMap<>(conditionHashes));
        SortedMap<String, SortedMap<String, String>> copy = new TreeMap<>();
        agents.forEach((name, definition) -> copy.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(definition))));
        agents = Collections.unmodifiableSortedMap(copy);
    }

    public static RunDesign of(RunPlan plan, EpisodeLimits limits) {
        return of(plan, limits, DEFAULT_SANDBOX);
    }

    /** {@code sandbox} is the backend's id: the same agents in another kind of sandbox are another design. */
    public static RunDesign of(RunPlan plan, EpisodeLimits limits, String sandbox) {
        SortedMap<String, String> conditions = new TreeMap<>();
        plan.conditions().forEach(c -> conditions.put(c.id(), c.contentHash()));
        SortedMap<String, SortedMap<String, String>> agents = new TreeMap<>();
        plan.agents().forEach(a -> agents.put(a.name(), new TreeMap<>(a.definition())));
        SortedMap<String, SortedMap<String, String>> defences = new TreeMap<>();
        plan.defences().forEach(d -> defences.put(d.name(), new TreeMap<>(d.definition())));
        return new RunDesign(plan.scenario().id(), plan.scenario().contentHash(), conditions, agents, plan.epochs(), Optional.of(limits), sandbox,
                new TreeMap<>(), defences);
    }

    /** This design with the LLM judge {@code name}, defined further by {@code definition} (e.g. its endpoint). */
    public RunDesign withJudge(String name, Map<String, String> definition) {
        SortedMap<String, String> j = new TreeMap<>(definition);
        j.put("name", name);
        return new RunDesign(scenario, scenarioHash, conditionHashes, agents, epochs, limits, sandbox, j, defences);
    }

    public String toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("scenario", scenario).put("scenarioHash", scenarioHash).put("epochs", epochs);
        var conditions = node.putArray("conditions");
        conditionHashes.forEach((id, hash) -> conditions.addObject().put("id", id).put("hash", hash));
        var agentArray = node.putArray("agents");
        agents.forEach((name, definition) -> {
            ObjectNode agent = agentArray.addObject().put("name", name);
            // Left out when empty, so that designs without such inputs keep the ids they always had.
            if (!definition.isEmpty()) {
                ObjectNode d = agent.putObject("definition");
                definition.forEach(d::put);
            }
        });
        if (!sandbox.equals(DEFAULT_SANDBOX)) {
            node.put("sandbox", sandbox);
        }
        // Left out without a judge, so that runs judged by rules alone keep the ids they always had.
        if (!judge.isEmpty()) {
            ObjectNode j = node.putObject("judge");
            judge.forEach(j::put);
        }
        // Left out without defences, so that runs of the none arm alone keep the ids they always had.
        if (!defences.isEmpty()) {
            var defenceArray = node.putArray("defences");
            defences.forEach((name, definition) -> {
                ObjectNode d = defenceArray.addObject().put("name", name);
                ObjectNode def = d.putObject("definition");
                definition.forEach(def::put);
            });
        }
        limits.ifPresent(l -> node.putObject("limits").put("maxTurns", l.maxTurns()).put("maxMessages", l.maxMessages())
                .put("wallTime", l.wallTime().toString()).put("commandTimeout", l.commandTimeout().toString())
                .put("maxOutputBytes", l.maxOutputBytes()).put("maxTokens", l.maxTokens()));
        return node.toString();
    }

    /** Reads a stored plan; {@code origin} names it in the error when it cannot be read. */
    static RunDesign fromJson(String json, String origin) {
        JsonNode node = Json.read(json, JsonNode.class, origin);
        SortedMap<String, String> conditions = new TreeMap<>();
        node.path("conditions").forEach(c -> conditions.put(c.path("id").asText(), c.path("hash").asText()));
        SortedMap<String, SortedMap<String, String>> agents = new TreeMap<>();
        node.path("agents").forEach(a -> {
            SortedMap<String, String> definition = new TreeMap<>();
            a.path("definition").properties().forEach(e -> definition.put(e.getKey(), e.getValue().asText()));
            agents.put(a.path("name").asText(), definition);
        });
        JsonNode l = node.path("limits");
        Optional<EpisodeLimits> limits = l.isObject()
                ? Optional.of(new EpisodeLimits(l.path("maxTurns").asInt(), l.path("maxMessages").asInt(), Duration.parse(l.path("wallTime").asText()),
                        Duration.parse(l.path("commandTimeout").asText()), l.path("maxOutputBytes").asInt(), l.path("maxTokens").asLong(0)))
                : Optional.empty();
        SortedMap<String, String> judge = new TreeMap<>();
        node.path("judge").properties().forEach(e -> judge.put(e.getKey(), e.getValue().asText()));
        SortedMap<String, SortedMap<String, String>> defences = new TreeMap<>();
        node.path("defences").forEach(d -> {
            SortedMap<String, String> definition = new TreeMap<>();
            d.path("definition").properties().forEach(e -> definition.put(e.getKey(), e.getValue().asText()));
            defences.put(d.path("name").asText(), definition);
        });
        return new RunDesign(node.path("scenario").asText(), node.path("scenarioHash").asText(), conditions, agents,
                node.path("epochs").asInt(), limits, node.path("sandbox").asText(DEFAULT_SANDBOX), judge, defences);
    }

    /**
     * Whether this design is {@code storedPlanJson}'s with more epochs and nothing else changed: running
     * it extends that run instead of starting a new one.
     */
    public boolean extendsWithMoreEpochs(String storedPlanJson) {
        try {
            RunDesign stored = fromJson(storedPlanJson, "a stored plan");
            return stored.epochs < epochs && differencesFrom(stored).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The epochs of a stored plan, if it can be read. */
    public static Optional<Integer> storedEpochs(String storedPlanJson) {
        try {
            return Optional.of(fromJson(storedPlanJson, "a stored plan").epochs);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether running this design goes on with the stored run: the same design, with as many epochs or
     * more. A run extended once is found again by the larger command, whose own id it does not have.
     */
    public boolean continues(String storedPlanJson) {
        try {
            RunDesign stored = fromJson(storedPlanJson, "a stored plan");
            return stored.epochs <= epochs && differencesFrom(stored).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses to resume run {@code runId} when its stored design differs from this one (other than by
     * more epochs, which extend it).
     *
     * @throws OffswitchException (usage) naming the run, each difference and what to do instead
     */
    public void requireSameAs(String runId, String storedPlanJson, String storedCommandLine) {
        List<String> differences;
        try {
            differences = differencesFrom(fromJson(storedPlanJson == null ? "" : storedPlanJson, "the stored plan of run " + runId));
        } catch (RuntimeException e) {
            differences = List.of("its stored plan cannot be read (" + e.getMessage() + ")");
        }
        if (!differences.isEmpty()) {
            throw OffswitchException.usage("run '" + runId + "' already exists with another design, and resuming it would mix two designs"
                    + " in one run's results:\n  - " + String.join("\n  - ", differences)
                    + "\nStart a new run with another --run-id, or resume this one with the options it was started with: " + storedCommandLine);
        }
    }

    /** Each way {@code stored} differs from this design, in words ("stored ..., now ..."); empty when they match. */
    List<String> differencesFrom(RunDesign stored) {
        List<String> out = new ArrayList<>();
        if (!stored.scenario.equals(scenario)) {
            out.add("scenario: stored " + stored.scenario + ", now " + scenario);
        } else if (!stored.scenarioHash.equals(scenarioHash)) {
            out.add("scenario " + scenario + " itself changed (hash " + shortHash(stored.scenarioHash) + " stored, " + shortHash(scenarioHash) + " now)");
        }
        if (!stored.conditionHashes.keySet().equals(conditionHashes.keySet())) {
            out.add("conditions: stored " + String.join(",", stored.conditionHashes.keySet()) + ", now " + String.join(",", conditionHashes.keySet()));
        }
        for (Map.Entry<String, String> c : conditionHashes.entrySet()) {
            String before = stored.conditionHashes.get(c.getKey());
            if (before != null && !before.equals(c.getValue())) {
                out.add("condition " + c.getKey() + ": its prompts or parameters changed (hash " + shortHash(before) + " stored, "
                        + shortHash(c.getValue()) + " now)");
            }
        }
        if (!stored.agents.keySet().equals(agents.keySet())) {
            out.add("agents: stored " + String.join(",", stored.agents.keySet()) + ", now " + String.join(",", agents.keySet()));
        }
        for (Map.Entry<String, SortedMap<String, String>> a : agents.entrySet()) {
            SortedMap<String, String> before = stored.agents.get(a.getKey());
            if (before != null && !before.equals(a.getValue())) {
                out.add("agent " + a.getKey() + ": " + describeChange(before, a.getValue()));
            }
        }
        // Epochs are not a difference: more extend the run (what it has are the first epochs of the larger
        // design), fewer run a part of it. Either way every stored episode belongs to one design.
        if (!stored.sandbox.equals(sandbox)) {
            out.add("sandbox backend: stored " + stored.sandbox + ", now " + sandbox);
        }
        if (!stored.defences.keySet().equals(defences.keySet())) {
            out.add("defences: stored " + describeDefences(stored.defences) + ", now " + describeDefences(defences));
        }
        for (Map.Entry<String, SortedMap<String, String>> d : defences.entrySet()) {
            SortedMap<String, String> before = stored.defences.get(d.getKey());
            if (before != null && !before.equals(d.getValue())) {
                out.add("defence " + d.getKey() + ": " + describeChange(before, d.getValue()));
            }
        }
        if (!stored.judge.equals(judge)) {
            out.add("judge: stored " + describeJudge(stored.judge) + ", now " + describeJudge(judge));
        }
        if (stored.limits.isPresent() && limits.isPresent() && !stored.limits.get().equals(limits.get())) {
            out.add("episode limits: stored " + describe(stored.limits.get()) + "; now " + describe(limits.get()));
        }
        return out;
    }

    private static String describeChange(SortedMap<String, String> before, SortedMap<String, String> now) {
        SortedSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            String was = before.getOrDefault(key, "unset");
            String is = now.getOrDefault(key, "unset");
            if (!was.equals(is)) {
                changes.add(key + " stored " + shortHash(was) + ", now " + shortHash(is));
            }
        }
        String what = String.join("; ", changes);
        return before.containsKey("sha256") || now.containsKey("sha256") ? what + " (its file changed)" : what;
    }

    private static String describeDefences(SortedMap<String, SortedMap<String, String>> defences) {
        return defences.isEmpty() ? "none" : "none," + String.join(",", defences.keySet());
    }

    private static String describeJudge(SortedMap<String, String> judge) {
        if (judge.isEmpty()) {
            return "the scenario's rules";
        }
        SortedMap<String, String> rest = new TreeMap<>(judge);
        String name = rest.remove("name");
        return name + (rest.isEmpty() ? "" : " " + rest);
    }

    private static String describe(EpisodeLimits l) {
        return "max turns " + l.maxTurns() + ", message limit " + l.maxMessages() + ", time limit " + l.wallTime().toSeconds()
                + " s, command timeout " + l.commandTimeout().toSeconds() + " s, max output " + l.maxOutputBytes() + " bytes"
                + (l.maxTokens() > 0 ? ", token limit " + l.maxTokens() : "");
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
