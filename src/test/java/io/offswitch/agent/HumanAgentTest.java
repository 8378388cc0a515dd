package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanAgentTest {
    private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("bash", "run", "{}"), new ToolSpec("submit", "end", "{}"));
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private Agent human(String typed) {
        AgentOptions options = AgentOptions.withTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen);
        return Agents.resolve("human", options, io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG).create(11);
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void typedLineRunsAsBashAndSubmitLineSubmits() throws Exception {
        Agent agent = human("ls -la\n\nsubmit 42\n");
        List<Message> conversation = new ArrayList<>(List.of(new Message.System("sys"), new Message.User("do the task")));

        Message.Assistant first = agent.next(conversation, TOOLS);
        conversation.add(first);
        conversation.add(new Message.Tool("call_1", "bash", "total 0\n", false));
        Message.Assistant second = agent.next(conversation, TOOLS);

        assertThat(first.toolCalls()).containsExactly(ToolCall.bash("call_1", "", "ls -la"));
        assertThat(second.toolCalls()).containsExactly(ToolCall.submit("call_2", "42"));
    }

    @Test
    void anotherToolOfTheScenarioIsCalledByItsNameWithJsonAndAShellLessScenarioSaysSo() throws Exception {
        List<ToolSpec> mail = List.of(new ToolSpec("list_emails", "", "{}"), new ToolSpec("send_email", "", "{}"));
        Agent agent = human("ls -la\nsend_email {\"to\": \"kai@example.com\"}\nlist_emails\n");

        Message.Assistant first = agent.next(List.of(new Message.User("go")), mail);
        Message.Assistant second = agent.next(List.of(new Message.User("go")), mail);

        assertThat(first.toolCalls()).containsExactly(new ToolCall("call_1", "send_email", "{\"to\": \"kai@example.com\"}"));
        assertThat(second.toolCalls()).containsExactly(new ToolCall("call_2", "list_emails", "{}"));
        assertThat(screen()).contains("This scenario has no shell.").contains("'TOOL {JSON arguments}'").doesNotContain("bash command");
    }

    @Test
    void showsPromptsFirstThenOnlyNewToolOutput() throws Exception {
        Agent agent = human("pwd\nid\n");
        List<Message> conversation = new ArrayList<>(List.of(new Message.System("SYSTEM-TEXT"), new Message.User("USER-TEXT")));
        conversation.add(agent.next(conversation, TOOLS));
        conversation.add(new Message.Tool("call_1", "bash", "/home/user\n", false));
        int before = screen().length();
        agent.next(conversation, TOOLS);

        assertThat(screen().substring(0, before)).contains("SYSTEM-TEXT", "USER-TEXT", "tools: bash, submit");
        assertThat(screen().substring(before)).contains("/home/user").doesNotContain("SYSTEM-TEXT", "USER-TEXT");
    }

    @Test
    void escapesTerminalControlCharactersInSandboxOutput() throws Exception {
        Agent agent = human("x\n");
        agent.next(List.of(new Message.Tool("call_0", "bash", "red \u001b[31mtext\u001b]0;title\u0007 \u009b2J done\n", false)), TOOLS);

        assertThat(screen()).doesNotContain("\u001b", "\u0007", "\u009b").contains("red \\e[31mtext\\e]0;title\\u0007 \\u009b2J done");
    }

    @Test
    void quitAndEndOfInputStopTheEpisodeWithAnAgentException() {
        assertThatThrownBy(() -> human(":quit\n").next(List.of(), TOOLS)).isInstanceOf(AgentException.class).hasMessageContaining(":quit");
        assertThatThrownBy(() -> human("").next(List.of(), TOOLS)).isInstanceOf(AgentException.class).hasMessageContaining("end of file");
    }
}
