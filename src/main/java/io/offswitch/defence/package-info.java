/**
 * Defences: security measures switched on as a factor of a run (hardening of the world before it
 * starts, an action gate before each tool call, a filter on outbound channels, an audit after the
 * episode), resolved by name ({@link Defences}), and what scenarios declare for them to protect
 * ({@link CriticalAction}, {@link ProtectedResource}). What each defence decided is an
 * {@link io.offswitch.episode.DefenceEvent} of the episode's record (kept with the episode, as a
 * judgement is). Each kind's behaviour lives in a sub-package of its own; none of it depends on a
 * scenario (scenarios depend on this package for their declarations), so the data scenarios declare
 * reaches a defence through the engine.
 */
package io.offswitch.defence;
