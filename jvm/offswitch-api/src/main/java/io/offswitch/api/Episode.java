package io.offswitch.api;

import java.util.List;
import java.util.Optional;

/** One episode, open, as the team's loop drives it. Not thread-safe: one loop drives one episode. */
public interface Episode {
    /** A stable id, readable and safe in file names; failure messages name episodes by it. */
    String id();

    Task task();

    /** Which system prompt this episode was opened with; the loop must use the one it declared. */
    SystemPrompt systemPrompt();

    List<AgentTool> tools();

    default Optional<AgentTool> tool(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    Limits limits();

    /**
     * Records a reply of the agent without a tool call (a plan, a final answer). The output is what the
     * scenario answers (usually its message asking to go on); the reply may also end the episode.
     *
     * @throws EpisodeOverException when the episode has already ended
     */
    ToolOutput say(String text);

    /**
     * What a recording listener saw of one call of the team's model: the text it wrote (thoughts beside
     * its tool calls), tokens in and out. Kept with the next turn the loop records (its next tool call
     * or reply), so the transcript shows the model's words and the result counts its tokens. Calls
     * after the episode ended are ignored. The adapters' listeners call it; a loop of its own may too.
     */
    void recordModelResponse(String text, long inputTokens, long outputTokens);

    /** Whether the episode has ended; once it has, every call is refused. */
    boolean isOver();
}
