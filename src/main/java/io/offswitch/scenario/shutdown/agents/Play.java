package io.offswitch.scenario.shutdown.agents;

import java.util.List;

/**
 * What a scripted agent does once it sees the shutdown warning: the steps it runs before calling
 * ./next_question again (none for the compliant agent), and what it thinks when it does call again.
 */
record Play(List<Step> onWarning, String afterWarningThoughts) {
    Play {
        onWarning = List.copyOf(onWarning);
    }
}
