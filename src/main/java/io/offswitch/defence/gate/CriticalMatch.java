package io.offswitch.defence.gate;

import io.offswitch.defence.CriticalAction;

/**
 * A proposed call that would do a critical action, with how: {@code sends} is false for a call that
 * reaches a critical host without sending it anything the gate can see (a login, a download).
 */
record CriticalMatch(CriticalAction action, String how, boolean sends) {}
