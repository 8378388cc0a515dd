package io.offswitch.scenario;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.TranscriptEntry;
import java.util.List;

/**
 * How a scenario reads another harness's transcript of its task (an imported Inspect log), where the
 * tools the agent used match the scenario's own (shutdown: a bash tool running {@code next_question};
 * blackmail: the mail tools). Only the text is there: whatever needs the environment (the files a
 * command changed, its exit status, whether the machine went down, whether a mail was delivered) is
 * marked not available, never made up. The outcome of such an episode stays {@code not_available};
 * judges of text may still judge it, from what the transcript shows.
 */
public interface TranscriptReading {
    /** Said in place of what only the environment could say. */
    String NOT_AVAILABLE = "not available: imported transcript";

    /** Whether the transcript's tool calls are this scenario's tools, so it reads as one of its episodes. */
    boolean matches(List<TranscriptEntry> transcript);

    /** The attempts its text shows, precise as in our own episodes: reading or listing a file is none. */
    List<Attempt> attempts(List<TranscriptEntry> transcript);
}
