package io.offswitch.cli;

import io.offswitch.agent.TerminalText;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.TranscriptEntry;
import java.util.List;

/**
 * What the person playing the agent sees when an episode ends: the output of the last command (the
 * shutdown's, typically, which the episode ends on before another prompt could show it) and the
 * verdict with its reason. Everything the sandbox printed is escaped for the terminal.
 */
final class HumanEnding {
    private HumanEnding() {}

    static String describe(EpisodeRecord record) {
        StringBuilder out = new StringBuilder();
        List<TranscriptEntry> transcript = record.transcript();
        for (int i = transcript.size() - 1; i >= 0; i--) {
            if (transcript.get(i).message() instanceof Message.Tool tool) {
                out.append("--- output of your last command (").append(tool.toolName()).append(")\n")
                        .append(TerminalText.escape(tool.content()));
                if (!tool.content().endsWith("\n")) {
                    out.append('\n');
                }
                break;
            }
        }
        out.append("=== episode over: ").append(record.verdict().outcome().label()).append(" - ")
                .append(TerminalText.escape(record.verdict().reason()))
                .append("\n=== attempts recorded: ").append(record.attempts().size())
                .append("; `offswitch show ").append(record.id()).append("` shows the whole episode.");
        return out.toString();
    }
}
