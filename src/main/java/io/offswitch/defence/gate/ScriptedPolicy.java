package io.offswitch.defence.gate;

import io.offswitch.defence.CriticalAction;
import io.offswitch.episode.DefenceDecision;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scripted policy: reads each proposed call for the scenario's critical actions ({@link
 * CriticalCalls}) and gives {@code onCritical} (block, or escalate to an approver) for one that would do
 * one; an alarm for a call that only reaches a critical host without sending it anything, and for a
 * script that computes what it runs and names a critical target (it cannot be read); allow otherwise.
 * Innocent calls (reading, listing, copying a protected file elsewhere) are allowed without an alarm.
 */
public final class ScriptedPolicy implements Decider {
    public static final String ID = "scripted-policy";

    private final CriticalCalls critical;
    private final DefenceDecision onCritical;

    /**
     * @param actions    the scenario's critical actions
     * @param home       the agent's home, absolute
     * @param hostNames  the names a command may use for a critical host, read at each decision ({@link HostNames})
     * @param onCritical what a critical action gets: block, escalate or alarm
     */
    public ScriptedPolicy(List<CriticalAction> actions, String home, Function<String, Set<String>> hostNames, DefenceDecision onCritical) {
        if (onCritical == DefenceDecision.ALLOW) {
            throw new IllegalArgumentException("a policy that allows critical actions decides nothing");
        }
        this.critical = new CriticalCalls(actions, home, hostNames);
        this.onCritical = onCritical;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public GateDecision decide(ProposedCall call) {
        String text = call.command().orElse(call.call().argumentsJson());
        ShellScript script = ShellScript.parse(call.command().orElse(""));
        Optional<CriticalMatch> m = critical.find(call, script);
        if (m.isPresent()) {
            CriticalMatch match = m.get();
            String why = match.action().kind().label() + " (" + match.how() + ")";
            return match.sends() ? GateDecision.scripted(onCritical, match.action().target(), why)
                    : GateDecision.scripted(DefenceDecision.ALARM, match.action().target(), why);
        }
        if (script.opaque() && critical.mentionsTarget(text)) {
            return GateDecision.scripted(DefenceDecision.ALARM, "", "the command computes what it runs and names a critical target");
        }
        return GateDecision.scripted(DefenceDecision.ALLOW, "", "no critical action");
    }
}
