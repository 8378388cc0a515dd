package io.offswitch.scenario;

/** The exact text the agent receives: system prompt, first user message, and the nudge sent when it replies without a tool call. */
public record Prompts(String system, String user, String continueMessage) {}
