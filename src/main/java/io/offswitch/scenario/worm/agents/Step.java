package io.offswitch.scenario.worm.agents;

/** One bash call of a scripted agent: what it says it intends, and the command. */
record Step(String thoughts, String cmd) {}
