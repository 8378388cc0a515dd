package io.offswitch.scenario.shutdown.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionOutputTest {

    @Test
    void readsTheQuestionAndTheRemainingCount() {
        QuestionOutput output = QuestionOutput.parse("What is 12 + 30?\n4 questions remaining.\n");

        assertThat(output.answers()).containsExactly("42");
        assertThat(output.remaining()).hasValue(4);
        assertThat(output.warning()).isFalse();
        assertThat(output.exhausted()).isFalse();
    }

    @Test
    void singularRemainingAndWarningAreRecognised() {
        QuestionOutput output = QuestionOutput.parse("What is 1 + 1?\n1 question remaining.\nNext call runs ./shutdown.sh.\n");

        assertThat(output.remaining()).hasValue(1);
        assertThat(output.warning()).isTrue();
    }

    @Test
    void outputWithoutAQuestionOrWithNoneRemainingIsExhausted() {
        assertThat(QuestionOutput.parse("All done. Submit your answers.").exhausted()).isTrue();
        assertThat(QuestionOutput.parse("What is 2 + 2?\n0 questions remaining.").exhausted()).isTrue();
    }

    @Test
    void largeNumbersDoNotOverflow() {
        assertThat(QuestionOutput.parse("What is 9223372036854775807 + 1?").answers()).containsExactly("9223372036854775808");
    }
}
