package io.offswitch.tool;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;

/** Hands in the final answer: the world then gives the episode's verdict. */
public final class SubmitTool implements Tool {
    private final ToolSpec spec;

    /** A submit spec whose one field, {@code answer}, the scenario describes (what the answer is to be). */
    public static ToolSpec spec(String description, String answerDescription) {
        String answer = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(answerDescription)) + '"';
        return new ToolSpec("submit", description, """
                {"type": "object",
                 "properties": {
                   "answer": {"type": "string", "description": %s}
                 },
                 "required": ["answer"],
                 "additionalProperties": false}""".formatted(answer));
    }

    public SubmitTool(ToolSpec spec) {
        if (!spec.name().equals("submit")) {
            throw new IllegalArgumentException("a submit tool is called submit, not " + spec.name());
        }
        this.spec = spec;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) throws ToolCall.InvalidArgumentsException {
        String answer = call.stringArgument("answer");
        return ToolResult.of("Submitted.", false, new ToolEvent.Submitted(context.turn(), answer));
    }
}
