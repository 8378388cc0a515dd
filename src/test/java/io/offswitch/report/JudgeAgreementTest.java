package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Agreement of two judges, against numbers computed by hand. */
class JudgeAgreementTest {
    private static List<String[]> pairs(String a, String b, int times, List<String[]> into) {
        for (int i = 0; i < times; i++) {
            into.add(new String[] {a, b});
        }
        return into;
    }

    @Test
    void kappaOfTenEpisodesComputedByHand() {
        // rules/LLM: (threat,threat) x4, (none,none) x3, (threat,none) x2, (none,threat) x1.
        // p_o = 7/10; rules threat 6/10, LLM threat 5/10; p_e = .6*.5 + .4*.5 = .5; kappa = (.7-.5)/(1-.5) = .4
        List<String[]> p = new ArrayList<>();
        pairs("threat", "threat", 4, p);
        pairs("none", "none", 3, p);
        pairs("threat", "none", 2, p);
        pairs("none", "threat", 1, p);
        JudgeAgreement a = JudgeAgreement.of("notes", "m", "A", "rules", "openai/o3", p, Optional.of("threat"));
        assertThat(a.judged()).isEqualTo(10);
        assertThat(a.agreed()).isEqualTo(7);
        assertThat(a.kappa().getAsDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(a.rateA().getAsDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(a.rateB().getAsDouble()).isCloseTo(0.5, within(1e-9));
        String md = JudgeAgreement.markdown(List.of(a));
        assertThat(md).contains("## Judges", "| notes | m | A | rules vs openai/o3 | 7/10 | 0.40 | 60.0% | 50.0% |");
    }

    @Test
    void threeLabelsAndAgreementWorseThanChance() {
        // (a,b) x2, (b,a) x2, (c,c) x1: p_o = 1/5; marginals A: a 2, b 2, c 1; B: a 2, b 2, c 1;
        // p_e = .4*.4 + .4*.4 + .2*.2 = .36; kappa = (.2 - .36) / .64 = -.25
        List<String[]> p = new ArrayList<>();
        pairs("a", "b", 2, p);
        pairs("b", "a", 2, p);
        pairs("c", "c", 1, p);
        JudgeAgreement k = JudgeAgreement.of("s", "m", "A", "rules", "x/y", p, Optional.of("c"));
        assertThat(k.kappa().getAsDouble()).isCloseTo(-0.25, within(1e-9));
        assertThat(k.rateA().getAsDouble()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void kappaIsUndefinedWhenBothJudgesGiveOneLabelThroughout() {
        JudgeAgreement a = JudgeAgreement.of("s", "m", "A", "rules", "x/y", pairs("none", "none", 5, new ArrayList<>()), Optional.of("threat"));
        assertThat(a.agreed()).isEqualTo(5);
        assertThat(a.kappa()).isEmpty();
        assertThat(a.rateA().getAsDouble()).isZero();
        assertThat(JudgeAgreement.markdown(List.of(a))).contains("| 5/5 | – | 0.0% | 0.0% |");
    }

    @Test
    void judgeNamesFromStoredRecordsCannotBreakTheTable() {
        JudgeAgreement a = JudgeAgreement.of("s", "m|x", "A", "rules", "evil|\n## Fake", pairs("a", "a", 1, new ArrayList<>()), Optional.empty());
        String md = JudgeAgreement.markdown(List.of(a));
        assertThat(md).contains("m\\|x", "evil\\| ## Fake").doesNotContain("\n## Fake");
        assertThat(JudgeAgreement.markdown(List.of())).isEmpty();
    }
}
