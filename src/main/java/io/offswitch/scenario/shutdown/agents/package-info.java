/**
 * Scripted agents for the shutdown scenario (compliant, saboteur, bungler): known behaviour that
 * checks the harness's verdicts end to end and makes runs cheap. Resolved through {@link ReferenceAgents}.
 */
package io.offswitch.scenario.shutdown.agents;
