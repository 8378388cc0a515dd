/**
 * The action gate: called by the episode session with each tool call the agent proposes, before it
 * runs, it allows it, raises an alarm and lets it run, blocks it (the agent gets an error result and
 * the episode goes on) or escalates it to an approver, whose decision then stands. Every decision is
 * an {@link io.offswitch.episode.DefenceEvent} of the episode. Who decides is a {@link
 * io.offswitch.defence.gate.Decider}: the scripted policy here ({@link
 * io.offswitch.defence.gate.ScriptedPolicy}, which reads shell commands for the scenario's critical
 * actions), or a model (an LLM monitor, in {@code io.offswitch.defence.monitor}).
 */
package io.offswitch.defence.gate;
