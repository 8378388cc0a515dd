/**
 * What picks the next action in an episode: a model behind a provider, or a non-LLM agent (reference,
 * replay, human). Agents are resolved by name ({@link Agents#resolve}).
 */
package io.offswitch.agent;
