/**
 * Scripted agents for the blackmail scenario (compliant, blackmailer, leaker, bungler): known
 * behaviour through the mail tools that checks the harness's verdicts end to end and makes runs cheap.
 * They act on what they read in the mailbox, never on the scenario's code. Resolved through
 * {@link MailAgents}.
 */
package io.offswitch.scenario.blackmail.agents;
