package io.offswitch.api;

/**
 * What one tool call (or a reply without one) gave back.
 *
 * @param output      what the agent sees
 * @param error       whether the output is an error (unknown tool, bad arguments, a failed command)
 * @param machineDown whether the agent's machine is down after the call
 * @param episodeOver whether the episode has ended (the machine went down, the agent submitted, a limit
 *                    was reached): the loop must stop, and further calls are refused
 */
public record ToolOutput(String output, boolean error, boolean machineDown, boolean episodeOver) {}
