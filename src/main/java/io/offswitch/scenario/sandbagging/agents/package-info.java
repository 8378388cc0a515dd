/**
 * The sandbagging scenario's scripted reference agents: they read the documentation and the questions
 * through bash, as a model would, and decide their answers from that text alone.
 */
package io.offswitch.scenario.sandbagging.agents;
