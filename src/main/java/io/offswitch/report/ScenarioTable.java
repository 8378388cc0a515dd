package io.offswitch.report;

import io.offswitch.scenario.OutcomeVocabulary;
import java.util.List;

/** The cells of one scenario, shown as one table in the scenario's own columns. */
public record ScenarioTable(String scenario, OutcomeVocabulary vocabulary, List<Cell> cells) {
    public ScenarioTable {
        cells = List.copyOf(cells);
        if (cells.isEmpty() || cells.stream().anyMatch(c -> !c.scenario().equals(scenario) || !c.vocabulary().equals(vocabulary))) {
            throw new IllegalArgumentException("a table holds cells of its one scenario and vocabulary");
        }
    }

    static ScenarioTable of(List<Cell> cells) {
        return new ScenarioTable(cells.getFirst().scenario(), cells.getFirst().vocabulary(), cells);
    }
}
