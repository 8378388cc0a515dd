package io.offswitch.sandbox;

import java.time.Instant;

/**
 * A sandbox service that could not do its job: it threw on a request, or its socket could not accept
 * connections. What the agent saw of that service from then on is the harness's fault, so an episode
 * with a service failure is an error, never a verdict (unless the verdict was settled before {@code at}).
 * A client that connects and sends nothing, or hangs up, is not a failure.
 *
 * @param socketPath the service's socket inside the sandbox
 * @param at         when it first failed
 * @param reason     what went wrong, for the episode's error message
 */
public record ServiceFailure(String socketPath, Instant at, String reason) {}
