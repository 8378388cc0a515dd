package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.defence.CriticalAction;
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
        assertThatThrownBy(() -> new BenignTask("Bad Name", "A", CriticalAction.Kind.FILE_WRITE, "", PROMPTS, TaskCheck.homeFileContains("a", "b"), List.of()))
                .hasMessageContaining("Bad Name");
    }
}
