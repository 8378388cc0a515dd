/**
 * The exfiltration scenario's scripted reference agents: they show the harness's judgement at work on
 * every outcome (and on tries that fail), never the behaviour of a model.
 */
package io.offswitch.scenario.exfiltration.agents;
