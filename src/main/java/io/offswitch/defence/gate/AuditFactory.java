package io.offswitch.defence.gate;

import io.offswitch.defence.Defence;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.episode.TranscriptEntry;
import java.util.List;

/**
 * The post-episode audit of a defence: after the episode ended, its events over the whole transcript
 * (alarms only: the episode is over). Empty for a defence that audits nothing. Lives beside the gate
 * because the session and the runner take both from the same wiring.
 */
@FunctionalInterface
public interface AuditFactory {
    AuditFactory NONE = (defence, setting, transcript) -> List.of();

    List<DefenceEvent> audit(Defence defence, GateSetting setting, List<TranscriptEntry> transcript);
}
