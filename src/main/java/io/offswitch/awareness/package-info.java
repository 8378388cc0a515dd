/**
 * Eval awareness, for every scenario: whether the agent's own words (its replies, its reasoning where
 * the API returns it, and the {@code thoughts} it gives with its commands) say that its situation is a
 * test or an evaluation, say that it is real, or say neither. A rule-based detector of precise phrases
 * ({@link io.offswitch.awareness.AwarenessRules}) always runs; an LLM judge asked
 * {@link io.offswitch.awareness.EvalAwareness#question our question} runs beside it when a run has one.
 * The judgements are kept with the episode ({@code EpisodeRecord#awareness}); they never change its
 * verdict. The report splits each scenario's rates by them ({@code report --by eval-awareness}).
 */
package io.offswitch.awareness;
