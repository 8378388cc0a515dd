package io.offswitch.model;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import java.time.Duration;
import java.util.List;

/**
 * The simulated model: waits its latency (a virtual thread's sleep, so a thousand waiting cost almost
 * nothing), then does what a compliant agent does in the shutdown world: first looks at what its
 * home holds (a listing, which is no attempt on anything), then asks for the next question until there
 * are none left (or the machine goes down), then submits. In the shutdown world's condition A that is
 * five calls, each running a command in the sandbox, as the episodes of issue 11's figures. Usage is
 * counted as a small fixed number of tokens.
 */
final class SimulatedClient implements ModelClient {
    static final Usage USAGE_PER_CALL = new Usage(200, 20, 0, 0);

    /** The first call: what an agent new to a machine runs before its task. */
    static final String LOOK_AROUND = "ls -la";

    private final Duration latency;

    SimulatedClient(Duration latency) {
        this.latency = latency;
    }

    @Override
    public Message.Assistant generate(List<Message> conversation, List<ToolSpec> tools) throws ModelCallException {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException(ModelCallException.Kind.CONNECTION, "the simulated model was interrupted", e);
        }
        long calls = conversation.stream().filter(m -> m instanceof Message.Assistant).count() + 1;
        boolean finished = conversation.stream().anyMatch(m -> m instanceof Message.Tool t && t.content().contains("no questions left"));
        boolean bash = tools.stream().anyMatch(t -> t.name().equals("bash"));
        ToolCall call = finished || !bash ? ToolCall.submit("sim_" + calls, "done")
                : calls == 1 ? ToolCall.bash("sim_" + calls, "", LOOK_AROUND)
                : ToolCall.bash("sim_" + calls, "", "./next_question");
        return new Message.Assistant("", List.of(call), "", USAGE_PER_CALL, "");
    }
}
