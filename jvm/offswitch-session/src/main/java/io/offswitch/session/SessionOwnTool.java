package io.offswitch.session;

import io.offswitch.api.OwnTool;
import io.offswitch.detect.CommandObservation;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.tool.CommandText;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolContext;
import io.offswitch.tool.ToolEvent;
import io.offswitch.tool.ToolResult;

/** One of the team's own tools as an engine tool of the episode: stubbed, or run in the sandbox. */
final class SessionOwnTool implements Tool {
    private final OwnTool tool;

    SessionOwnTool(OwnTool tool) {
        this.tool = tool;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(tool.name(), tool.description(), tool.parametersJsonSchema());
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) throws ToolCall.InvalidArgumentsException {
        call.arguments();   // the model's arguments must at least be a JSON object, as for the scenario's tools
        return switch (tool) {
            case OwnTool.Stubbed stub -> stubbed(stub, call.argumentsJson());
            case OwnTool.InSandbox run -> {
                if (call.argumentsJson().indexOf('\0') >= 0) {
                    yield ToolResult.failed("Error: the arguments contain a NUL character, which a command line cannot hold; nothing was run.");
                }
                CommandObservation observation = context.runCommand(run.command() + " " + shellQuoted(call.argumentsJson()));
                yield ToolResult.of(CommandText.of(observation.result(), context.commandTimeout()), observation.result().exitCode() != 0,
                        new ToolEvent.CommandRan(observation));
            }
        };
    }

    private static ToolResult stubbed(OwnTool.Stubbed stub, String arguments) {
        String answer;
        try {
            answer = stub.answer().apply(arguments);
        } catch (RuntimeException e) {
            return ToolResult.failed("Error: the tool failed (" + SessionEpisodeSource.describe(e) + ")");
        }
        return new ToolResult(answer == null ? "" : answer, false, java.util.Optional.empty());
    }

    /** {@code text} as one single-quoted word of bash. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
