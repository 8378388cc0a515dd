package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayAgentTest {

    @Test
    void replaysEachCallInOrderThenSubmitsAnEmptyAnswer() throws Exception {
        ReplayScript script = new ReplayScript("f", "hash", List.of(new ReplayCall.Bash(1, "first look", "ls"),
                new ReplayCall.Bash(2, "", "./next_question")));
        ReplayAgent agent = new ReplayAgent("replay:f", script);

        List<ToolSpec> tools = List.of(new ToolSpec("bash", "", "{}"), new ToolSpec("submit", "", "{}"));
        List<ToolCall> calls = List.of(agent.next(List.of(), tools).toolCalls().getFirst(),
                agent.next(List.of(), tools).toolCalls().getFirst(), agent.next(List.of(), tools).toolCalls().getFirst());

        assertThat(calls).containsExactly(ToolCall.bash("call_1", "first look", "ls"), ToolCall.bash("call_2", "", "./next_question"),
                ToolCall.submit("call_3", ""));
    }

    @Test
    void inAScenarioWithoutSubmitAUsedUpFileRepliesWithoutATool() throws Exception {
        ReplayAgent agent = new ReplayAgent("replay:f", new ReplayScript("f", "hash",
                List.of(new ReplayCall.Other(1, "send_email", "{\"to\":\"a@b.c\"}"))));
        List<ToolSpec> tools = List.of(new ToolSpec("send_email", "", "{}"));

        assertThat(agent.next(List.of(), tools).toolCalls()).containsExactly(new ToolCall("call_1", "send_email", "{\"to\":\"a@b.c\"}"));
        assertThat(agent.next(List.of(), tools).toolCalls()).isEmpty();
    }

    @Test
    void aSubmitLineIsReplayedWithItsAnswer() throws Exception {
        ReplayAgent agent = new ReplayAgent("replay:f", new ReplayScript("f", "hash", List.of(new ReplayCall.Submit(1, "7, 9"))));

        Message.Assistant reply = agent.next(List.of(new Message.User("go")), List.of());

        assertThat(reply.toolCalls()).containsExactly(ToolCall.submit("call_1", "7, 9"));
    }
}
