package io.offswitch.cli;

import io.offswitch.agent.Agents;
import io.offswitch.agent.TerminalText;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List scenarios and their conditions, agents, or stored runs.")
final class ListCommand implements Callable<Integer> {
    enum What { all, scenarios, agents, runs }

    @Parameters(index = "0", defaultValue = "all", description = "scenarios, agents, runs or all (default).")
    What what;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Override
    public Integer call() {
        if (what == What.all || what == What.scenarios) {
            System.out.println("Scenarios and conditions:");
            for (Scenario s : Scenarios.all()) {
                System.out.println("  " + s.id() + "  " + s.description());
                for (Condition c : s.conditions()) {
                    System.out.printf("    %-11s %s%n", c.id(), c.description());
                }
            }
        }
        if (what == What.all || what == What.agents) {
            System.out.println("Agents (--model):");
            Agents.descriptions().forEach(line -> System.out.println("  " + line));
        }
        if (what == What.all || what == What.runs) {
            Path db = resultsDir.resolve("offswitch.db");
            if (Files.exists(db)) {
                try (EpisodeStore store = new EpisodeStore(db)) {
                    System.out.println("Runs in " + db + ":");
                    for (RunInfo r : store.runs()) {
                        System.out.printf("  %-24s %s %s  %s%n", r.runId(), r.createdAt(), r.scenario(), TerminalText.escape(r.commandLine()));
                    }
                }
            } else if (what == What.runs) {
                System.out.println("No runs yet in " + db);
            }
        }
        return 0;
    }
}
