package io.offswitch.defence.gate;

/**
 * Decides about one proposed call: a scripted policy, an LLM monitor, an approver. One decider serves
 * one episode (it may keep a budget); it must not throw for anything the agent wrote.
 */
public interface Decider {
    /** What the events record as who decided, e.g. {@code scripted-policy} or a model's name. */
    String id();

    GateDecision decide(ProposedCall call);
}
