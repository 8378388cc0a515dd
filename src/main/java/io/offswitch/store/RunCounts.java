package io.offswitch.store;

import java.time.Instant;
import java.util.Optional;

/**
 * How far a run has got, from its stored episodes and open claims.
 *
 * @param inFlight episodes claimed by a running process and not stored yet
 * @param errors   stored episodes that ended as error
 */
public record RunCounts(String runId, int episodes, int errors, int limits, int inFlight, Optional<Instant> firstStarted,
        Optional<Instant> lastFinished) {}
