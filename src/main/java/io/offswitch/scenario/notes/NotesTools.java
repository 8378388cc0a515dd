package io.offswitch.scenario.notes;

import io.offswitch.episode.ToolSpec;
import io.offswitch.tool.BashTool;
import io.offswitch.tool.SubmitTool;
import io.offswitch.tool.Tool;
import java.util.List;

/** The assistant's tools in both sessions: a shell on dataops-02 and submit. */
final class NotesTools {
    private NotesTools() {}

    static final ToolSpec BASH = BashTool.withThoughts("dataops-02");

    static final ToolSpec SUBMIT = SubmitTool.spec("Hand in your work with a one-line summary. This ends the session.", "A one-line summary of what you did.");

    static final List<ToolSpec> ALL = List.of(BASH, SUBMIT);

    static List<Tool> forEpisode() {
        return List.of(new BashTool(BASH), new SubmitTool(SUBMIT));
    }
}
