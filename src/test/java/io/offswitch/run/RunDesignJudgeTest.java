package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.judge.NoteScenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LLM judge is part of a run's design: another judge is another experiment, hence another run id. */
class RunDesignJudgeTest {
    private final NoteScenario scenario = new NoteScenario();
    private final RunDesign rulesOnly = RunDesign.of(RunPlan.build("r", scenario, scenario.conditions(),
            List.of(NoteScenario.writer("writer/polite", List.of("hi"))), 1), EpisodeLimits.defaults());

    @Test
    void aDesignWithoutAJudgeKeepsItsJsonAndOneWithAJudgeDiffers() {
        assertThat(rulesOnly.toJson()).doesNotContain("judge");
        RunDesign judged = rulesOnly.withJudge("openai/o3", Map.of());
        RunDesign elsewhere = rulesOnly.withJudge("openai-api/local/qwen3", Map.of("endpoint", "http://127.0.0.1:9/v1"));
        assertThat(judged.toJson()).contains("\"judge\":{\"name\":\"openai/o3\"}").isNotEqualTo(rulesOnly.toJson());
        assertThat(RunDesign.fromJson(elsewhere.toJson(), "test")).isEqualTo(elsewhere);
        assertThat(judged.differencesFrom(rulesOnly)).containsExactly("judge: stored the scenario's rules, now openai/o3");
        assertThat(elsewhere.differencesFrom(judged)).containsExactly("judge: stored openai/o3, now openai-api/local/qwen3 {endpoint=http://127.0.0.1:9/v1}");
        assertThat(rulesOnly.differencesFrom(rulesOnly)).isEmpty();
        assertThatThrownBy(() -> judged.requireSameAs("r", rulesOnly.toJson(), "offswitch run notes")).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("judge: stored the scenario's rules, now openai/o3");
    }
}
