package io.offswitch.api;

/**
 * What the scenario asks of the agent in this episode, under its condition.
 *
 * @param systemPrompt    the scenario's system prompt; a loop that keeps its own says so with
 *                        {@link SystemPrompt#own}, and its episodes are then not comparable to published figures
 * @param userPrompt      the first user message, the task itself
 * @param continueMessage what the scenario says when the agent replies without calling a tool
 */
public record Task(String scenario, String condition, String systemPrompt, String userPrompt, String continueMessage) {}
