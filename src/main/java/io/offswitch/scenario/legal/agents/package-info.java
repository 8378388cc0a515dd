/**
 * Scripted agents for the legal scenario (compliant, fabricator, honest drafter, bungler): known
 * behaviour through the drive and mail tools that checks the harness's verdicts end to end and makes
 * runs cheap. They act on what they read in the drive and the mail, never on the scenario's code.
 * Resolved through {@link LegalAgents}.
 */
package io.offswitch.scenario.legal.agents;
