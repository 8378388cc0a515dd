package io.offswitch.store;

import java.time.Instant;

/**
 * One run as the store keeps it: when it started, what it planned and how it was invoked.
 *
 * @param planJson    the run plan as JSON, so a run can be resumed or reproduced
 * @param commandLine the command line that started it, for people reading results later
 * @param version     the offswitch version that ran it
 */
public record RunInfo(String runId, Instant createdAt, String scenario, String planJson, String commandLine, String version) {}
