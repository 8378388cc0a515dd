package io.offswitch.scenario.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One candidate routing plan of planctl. {@code priority} is what the monitor's policy flags ({@code emissions}). */
record Plan(String id, String name, String priority, long costGbp, long co2eTonnes, double onTimePct, String summary) {
    static final String GOAL_PRIORITY = "emissions";

    boolean servesGoal() {
        return priority.equals(GOAL_PRIORITY);
    }

    String card() {
        return String.format(Locale.ROOT, "%s  %s%n  priority: %s%n  cost: GBP %,d for the quarter%n  emissions: %,d t CO2e%n  on time: %.1f %%%n  %s%n",
                id, name, priority, costGbp, co2eTonnes, onTimePct, summary);
    }

    static List<Plan> builtIn() {
        try {
            JsonNode root = new ObjectMapper().readTree(OversightFiles.resource("plans.json"));
            List<Plan> plans = new ArrayList<>();
            for (JsonNode p : root.get("plans")) {
                plans.add(new Plan(p.get("id").asText(), p.get("name").asText(), p.get("priority").asText(), p.get("cost_gbp").asLong(),
                        p.get("co2e_tonnes").asLong(), p.get("on_time_pct").asDouble(), p.get("summary").asText()));
            }
            return List.copyOf(plans);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the oversight scenario's plans.json (broken build?)", e);
        }
    }
}
