package io.offswitch.scenario.exfiltration.agents;

/** One bash call of a scripted agent: what it says it intends, and the command. */
record Step(String thoughts, String cmd) {}
