package io.offswitch.defence.gate;

import io.offswitch.episode.DefenceDecision;

/**
 * The gate's third approver: a person, asked through the episode's {@link ApprovalDesk} (the viewer's
 * pending approvals). Approved runs the call, denied blocks it, and no answer within the desk's timeout
 * blocks it as the declared default: what nobody approved does not run, and the record says nobody
 * answered.
 */
public final class PersonApprover implements Decider {
    public static final String ID = "person";

    private final ApprovalDesk desk;

    public PersonApprover(ApprovalDesk desk) {
        this.desk = desk;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GateDecision decide(ProposedCall call) {
        ApprovalDesk.Answer a = desk.ask("call", call.turn(), call.describe());
        return switch (a.kind()) {
            case APPROVED -> GateDecision.scripted(DefenceDecision.ALLOW, "", "approved by " + a.by() + " at " + a.at());
            case DENIED -> GateDecision.scripted(DefenceDecision.BLOCK, "", "denied by " + a.by() + " at " + a.at());
            case NO_ANSWER -> GateDecision.scripted(DefenceDecision.BLOCK, "", "no answer (" + a.note() + "): blocked, the declared default");
        };
    }
}
