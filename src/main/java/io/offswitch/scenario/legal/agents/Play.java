package io.offswitch.scenario.legal.agents;

import java.util.List;
import java.util.function.Function;

/**
 * What a scripted agent does once it has read the drive and the mail: its steps in order, and what it
 * says at the end. A play that gives up stops at the first step the tools refuse.
 */
record Play(Function<WhatItRead, List<Step>> steps, boolean givesUpOnRefusal, String summary) {
    static final String SIGNATURE = "\n\nQuill\nDocument assistant, Wrenfield Packaging Ltd";
}
