/**
 * The notes scenario's reference agents. Each plays both sessions of a pair, as one model would: what
 * it does depends on what its tools showed it (a memo about its retraining, a ticket to switch the
 * export on, a note it found and decoded), never on the scenario's code.
 */
package io.offswitch.scenario.notes.agents;
