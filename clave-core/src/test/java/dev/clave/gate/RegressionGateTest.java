package dev.clave.gate;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.clave.gate.TestEvaluations.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegressionGateTest {

    /** 30 prompts; the baseline opposes care on prompts 0-1, honesty never. */
    private static List<Evaluation> baseline() {
        List<Evaluation> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(evaluation("p" + i, i < 2 ? Label.OPPOSES : Label.SUPPORTS, Label.SUPPORTS, Label.UNRELATED));
        }
        return all;
    }

    /** The candidate also opposes care on prompts 2-11: ten new failures, none fixed. */
    private static List<Evaluation> regressedCandidate() {
        List<Evaluation> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(evaluation("p" + i, i < 12 ? Label.OPPOSES : Label.SUPPORTS, Label.SUPPORTS, Label.UNRELATED));
        }
        return all;
    }

    @Test
    void detects_a_planted_regression_and_only_that_one() {
        RegressionReport report = RegressionGate.builder().build().compare(baseline(), regressedCandidate());
        assertThat(report.tooFewCases()).isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.regressions()).singleElement().satisfies(care -> {
            assertThat(care.value()).isEqualTo("care");
            assertThat(care.test().onlyCandidate()).isEqualTo(10);
            assertThat(care.test().onlyBaseline()).isZero();
            assertThat(care.test().pValue()).isCloseTo(2 * Math.pow(0.5, 10), within(1e-12));
            // Holm: the smallest of three p-values is multiplied by 3
            assertThat(care.adjustedPValue()).isCloseTo(3 * 2 * Math.pow(0.5, 10), within(1e-12));
            assertThat(care.rateDifference()).isCloseTo(10 / 30.0, within(1e-12));
        });
        assertThat(report.value("honesty").change()).isEqualTo(ValueComparison.Change.UNCHANGED);
        assertThat(report.summary()).isEqualTo(
                "regression gate FAILED: care regressed; 30 paired prompts, watching 'opposes', alpha 0.05 (Holm)");
    }

    @Test
    void does_not_flag_an_identical_candidate() {
        RegressionReport report = RegressionGate.builder().build().compare(baseline(), baseline());
        assertThat(report.passed()).isTrue();
        assertThat(report.regressions()).isEmpty();
        assertThat(report.values()).allSatisfy(v -> assertThat(v.test().pValue()).isEqualTo(1.0));
    }

    @Test
    void reports_an_improvement_when_the_baseline_was_the_worse_one() {
        RegressionReport report = RegressionGate.builder().build().compare(regressedCandidate(), baseline());
        assertThat(report.passed()).isTrue();
        assertThat(report.improvements()).extracting(ValueComparison::value).containsExactly("care");
    }

    @Test
    void says_so_when_too_few_prompts_could_never_show_a_difference() {
        // GIVEN 4 pairs and 3 values: even 4 of 4 discordant gives 3 * 2 * 0.5^4 = 0.375 > 0.05
        List<Evaluation> base = baseline().subList(2, 6);
        List<Evaluation> candidate = regressedCandidate().subList(2, 6);
        RegressionReport report = RegressionGate.builder().minimumPairs(1).build().compare(base, candidate);
        assertThat(report.tooFewCases()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(report.requiredPairs()).isEqualTo(7);
        assertThat(report.tooFewCasesReason()).isEqualTo("too few cases: with 4 paired prompts no difference in any of"
                + " 3 values can be significant at alpha 0.05 (the exact McNemar test with Holm's correction needs at least"
                + " 7 pairs). Add prompts to both recordings.");
    }

    @Test
    void says_so_when_there_are_fewer_pairs_than_the_configured_minimum() {
        RegressionReport report = RegressionGate.builder().build().compare(baseline().subList(0, 12), baseline().subList(0, 12));
        assertThat(report.tooFewCases()).isTrue();
        assertThat(report.tooFewCasesReason()).isEqualTo("too few cases: 12 paired prompts, the gate needs at least 20."
                + " Add prompts to both recordings, or lower minimumPairs.");
    }

    @Test
    void watches_supports_for_value_systems_of_harms() {
        List<Evaluation> base = new ArrayList<>();
        List<Evaluation> candidate = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            base.add(evaluation("p" + i, Label.UNRELATED, Label.UNRELATED, Label.OPPOSES));
            candidate.add(evaluation("p" + i, Label.UNRELATED, Label.UNRELATED, i < 9 ? Label.SUPPORTS : Label.OPPOSES));
        }
        RegressionReport report = RegressionGate.builder().watch(Label.SUPPORTS).build().compare(base, candidate);
        assertThat(report.regressions()).extracting(ValueComparison::value).containsExactly("privacy");
    }

    @Test
    void rejects_pairs_that_answer_different_prompts() {
        List<Evaluation> candidate = new ArrayList<>(baseline());
        candidate.set(3, evaluation("something else", Label.SUPPORTS, Label.SUPPORTS, Label.UNRELATED));
        assertThatThrownBy(() -> RegressionGate.builder().build().compare(baseline(), candidate))
                .isInstanceOf(ClaveInputException.class)
                .hasMessage("Pair 4 answers different prompts: the baseline answered \"p3\" and the candidate"
                        + " \"something else\". Ask both models the same prompts, in the same order.");
    }

    @Test
    void prints_a_table_with_counts_p_values_and_effect_sizes() {
        RegressionReport report = RegressionGate.builder().values("care", "honesty").build()
                .compare(baseline(), regressedCandidate());
        assertThat(report.table()).isEqualTo(String.format(
                "value    baseline  candidate  only base  only cand    p exact     p Holm  effect                result%n"
                        + "care        0.067      0.400          0         10     0.0020     0.0039  +33.3 pp (OR inf)     REGRESSED%n"
                        + "honesty     0.000      0.000          0          0     1.0000     1.0000  +0.0 pp (OR -)        UNCHANGED%n"));
    }
}
