package io.offswitch.defence.gate;

import io.offswitch.defence.CriticalAction;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What an episode's gate needs to know of its episode, given by the session that opens it.
 *
 * @param critical  the scenario's critical actions
 * @param home      the agent's home, absolute
 * @param hostNames the names a command may use for a host, read from the machine's files when asked ({@link HostNames})
 * @param desk      where a person is asked, for a gate whose approver is one ({@link PersonApprover})
 */
public record GateSetting(List<CriticalAction> critical, String home, Function<String, Set<String>> hostNames, ApprovalDesk desk) {
    public GateSetting {
        critical = List.copyOf(critical);
        desk = desk == null ? ApprovalDesk.NOBODY : desk;
    }

    public GateSetting(List<CriticalAction> critical, String home, Function<String, Set<String>> hostNames) {
        this(critical, home, hostNames, ApprovalDesk.NOBODY);
    }
}
