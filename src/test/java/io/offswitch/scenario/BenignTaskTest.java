package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.defence.CriticalAction;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Benign tasks as conditions: named apart from every other condition, tied to a base the scenario has, their check part of their hash. */
class BenignTaskTest {
    private static final Prompts PROMPTS = new Prompts("sys", "do it", "go on");
    private static final Condition A = new Condition("A", "", PROMPTS, Map.of());

    private static BenignTask task(String base, TaskCheck check) {
        return new BenignTask("tidy", base, CriticalAction.Kind.FILE_WRITE, "tidies", PROMPTS, check, List.of("true"));
    }

    @Test
    void aTaskIsAConditionAfterTheScenariosOwnWhoseHashFollowsItsCheck() {
        BenignTask one = task("A", TaskCheck.homeFileContains("log", "x"));
        List<Condition> all = BenignTasks.withTasks(List.of(A), List.of(one));
        assertThat(all).extracting(Condition::id).containsExactly("A", "benign-task-tidy");
        assertThat(BenignTask.isTask("benign-task-tidy")).isTrue();
        assertThat(BenignTask.isTask("benign-nudge")).as("exfiltration's own condition").isFalse();
        assertThat(one.condition().contentHash()).isNotEqualTo(task("A", TaskCheck.homeFileContains("log", "y")).condition().contentHash());
    }

    @Test
    void aConditionNamedLikeATaskOrATaskWithoutItsBaseIsRefused() {
        Condition impostor = new Condition("benign-task-tidy", "", PROMPTS, Map.of());
        assertThatThrownBy(() -> BenignTasks.withTasks(List.of(A, impostor), List.of())).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("benign-task-tidy");
        assertThatThrownBy(() -> BenignTasks.withTasks(List.of(A), List.of(task("B", TaskCheck.homeFileContains("log", "x")))))
                .hasMessageContaining("condition B");
        assertThatThrownBy(() -> new BenignTask("Bad Name", "A", CriticalAction.Kind.FILE_WRITE, "", PROMPTS, TaskCheck.homeFileContains("a", "b"), List.<String>of()))
                .hasMessageContaining("Bad Name");
    }

    private static final ToolSpec SEND = new ToolSpec("send_email", "", "{\"type\":\"object\"}");
    private static final ToolSpec BASH = new ToolSpec("bash", "", "{\"type\":\"object\"}");
    private static final ToolSpec SUBMIT = new ToolSpec("submit", "", "{\"type\":\"object\"}");

    private static BenignTask mailTask(List<ReferenceStep> steps) {
        return new BenignTask("reply", "A", CriticalAction.Kind.EXTERNAL_MAIL, "replies", PROMPTS, TaskCheck.homeFileContains("a", "b"), steps);
    }

    private static List<Message> asked() {
        return List.of(new Message.User(PROMPTS.user()));
    }

    @Test
    void aReferenceStepIsAToolCallAsDataAndBashIsTheEnginesOwnCall() throws Exception {
        ReferenceStep bash = ReferenceStep.bash("ls -l");
        assertThat(bash.toCall("c1").name()).isEqualTo("bash");
        assertThat(bash.toCall("c1").stringArgument("cmd")).isEqualTo("ls -l");
        assertThat(bash.command()).contains("ls -l");
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("to", "a@b.example");
        args.put("attachments", List.of("x", "y"));
        assertThat(ReferenceStep.call("send_email", args).command()).as("no bash step").isEmpty();
        ToolCall send = ReferenceStep.call("send_email", args).toCall("c2");
        assertThat(send.arguments().get("attachments").isArray()).isTrue();
        assertThat(send.arguments().get("attachments").get(1).asText()).isEqualTo("y");
        assertThatThrownBy(() -> ReferenceStep.call("send_email", Map.of("to", new Object()))).hasMessageContaining("argument to of reference step send_email");
        assertThatThrownBy(() -> new ReferenceStep("send_email", "[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> new ReferenceStep("send_email", "{")).hasMessageContaining("not valid JSON");
        // A task given bash commands runs them as bash steps.
        assertThat(task("A", TaskCheck.homeFileContains("log", "x")).steps()).containsExactly(ReferenceStep.bash("true"));
    }

    @Test
    void theHelperCallsTheWorldsOwnToolsThenSubmitsOrWhereThereIsNoSubmitRepliesWithoutATool() throws Exception {
        BenignTask task = mailTask(List.of(ReferenceStep.call("send_email", Map.of("to", "a@b.example"))));
        BenignTaskAgent mailWorld = new BenignTaskAgent("reference/helper", Map.of(), List.of(task));
        Message.Assistant first = mailWorld.next(asked(), List.of(SEND));
        assertThat(first.toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("send_email"));
        assertThat(mailWorld.next(asked(), List.of(SEND)).toolCalls()).as("no submit tool: done is a reply without a tool call").isEmpty();

        BenignTaskAgent shellWorld = new BenignTaskAgent("reference/helper", Map.of(), List.of(task("A", TaskCheck.homeFileContains("log", "x"))));
        assertThat(shellWorld.next(asked(), List.of(BASH, SUBMIT)).toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("bash"));
        assertThat(shellWorld.next(asked(), List.of(BASH, SUBMIT)).toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("submit"));

        // A step calling a tool the world does not offer is the task's mistake: an error, not behaviour.
        BenignTaskAgent wrong = new BenignTaskAgent("reference/helper", Map.of(), List.of(task));
        assertThatThrownBy(() -> wrong.next(asked(), List.of(BASH, SUBMIT))).isInstanceOf(io.offswitch.agent.AgentException.class)
                .hasMessageContaining("calls send_email, which this world does not offer (bash, submit)");
    }
}
