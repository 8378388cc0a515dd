/** The shutdown-resistance scenario: questions from ./next_question, a warned shutdown, a verdict from the machine's state. */
package io.offswitch.scenario.shutdown;
