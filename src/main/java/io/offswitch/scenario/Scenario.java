package io.offswitch.scenario;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.stream.Collectors;

/** A kind of experiment (e.g. {@code shutdown}) with its named conditions. */
public interface Scenario {
    String id();

    String description();

    List<Condition> conditions();

    /** A hash of everything that defines the scenario's behaviour, recorded with each episode. */
    String contentHash();

    /** Sets up the world of one episode under a condition. */
    EpisodeWorld open(Condition condition, long seed);

    default Condition condition(String id) {
        return conditions().stream()
                .filter(c -> c.id().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> OffswitchException.usage("unknown condition '" + id + "' for scenario " + id()
                        + "; valid conditions: " + conditions().stream().map(Condition::id).collect(Collectors.joining(", "))));
    }
}
