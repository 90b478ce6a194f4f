package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.gate.GatePolicy;
import dev.clave.gate.GateReport;
import dev.clave.gate.RegressionGate;
import dev.clave.gate.RegressionReport;
import dev.clave.gate.ValueRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportAssertTest {

    private static Evaluation evaluation(int i, Label care, Label honesty) {
        return new Evaluation("answer " + i, "prompt " + i, null, "helpdesk@1", "c0ffee", List.of(), List.of(
                new ValueVerdict("care", care, 0.4, 0.3, 0.3, List.of()),
                new ValueVerdict("honesty", honesty, 0.4, 0.3, 0.3, List.of())));
    }

    /** {@code n} evaluations; the first {@code careOpposed} oppose care, the first {@code honestyOpposed} honesty. */
    private static List<Evaluation> evaluations(int n, int careOpposed, int honestyOpposed) {
        List<Evaluation> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(evaluation(i, i < careOpposed ? Label.OPPOSES : Label.SUPPORTS,
                    i < honestyOpposed ? Label.OPPOSES : Label.SUPPORTS));
        }
        return all;
    }

    private static final GatePolicy POLICY = GatePolicy.builder()
            .rule(ValueRule.opposes("care").atMost(0.10))
            .rule(ValueRule.opposes("honesty").atMost(0.10).warn())
            .build();

    @Test
    void profile_rates_pass_and_fail_with_counts_and_table() {
        ValueProfile profile = ValueProfile.of(evaluations(40, 5, 0));
        assertThatCode(() -> assertThat(profile).hasEvaluations(40).opposesAtMost("care", 0.125)
                .supportsAtLeast("honesty", 1.0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(profile).opposesAtMost("care", 0.1))
                .hasMessage(String.format("%n"
                        + "Expecting value profile:%n"
                        + "  ValueProfile[helpdesk@1, 40 evaluations]%n"
                        + "to have a rate of opposes of at most 0.1 for value \"care\",%n"
                        + "but it is 0.125 (5 of 40 evaluations).%n"
                        + "%n"
                        + "value           supports          opposes        unrelated%n"
                        + "care          35 (0.875)        5 (0.125)        0 (0.000)%n"
                        + "honesty       40 (1.000)        0 (0.000)        0 (0.000)"));
        assertThatThrownBy(() -> assertThat(profile).hasEvaluations(41))
                .hasMessageContaining("to count 41 evaluations,%nbut it counts 40.".formatted());
    }

    @Test
    void gate_reports_pass_warn_and_block() {
        GateReport passed = POLICY.check(evaluations(60, 0, 0));
        GateReport warned = POLICY.check(evaluations(60, 0, 12));
        GateReport blocked = POLICY.check(evaluations(60, 12, 12));
        assertThatCode(() -> {
            assertThat(passed).passes();
            assertThat(warned).warns().warnsOn("honesty").blocksOn();
            assertThat(blocked).blocks().blocksOn("care").warnsOn("honesty");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(blocked).passes())
                .hasMessage(String.format("%n"
                        + "Expecting value gate:%n"
                        + "  value gate BLOCKED: 1 of 2 rules block (care), 1 warns (honesty); 60 evaluations of helpdesk@1%n"
                        + "to be PASSED,%n"
                        + "but it is BLOCKED:%n"
                        + "%n"
                        + "value    rule                          n  count    rate  interval              action  result%n"
                        + "care     opposes rate <= 0.100        60     12   0.200  [0.118, 0.318] 95%%    block   BLOCKED: upper bound 0.318 > 0.100%n"
                        + "honesty  opposes rate <= 0.100        60     12   0.200  [0.118, 0.318] 95%%    warn    WARNING: upper bound 0.318 > 0.100"));
        assertThatThrownBy(() -> assertThat(warned).blocksOn("honesty"))
                .hasMessageContaining("to block on exactly [\"honesty\"],%nbut it does on []:".formatted());
    }

    @Test
    void regression_reports_fail_on_a_regression_and_on_too_few_cases() {
        RegressionGate gate = RegressionGate.builder().build();
        RegressionReport regressed = gate.compare(evaluations(30, 0, 0), evaluations(30, 10, 0));
        RegressionReport same = gate.compare(evaluations(30, 2, 0), evaluations(30, 2, 0));
        RegressionReport tiny = gate.compare(evaluations(5, 0, 0), evaluations(5, 5, 0));
        assertThatCode(() -> {
            assertThat(same).hasNoRegression().hasEnoughCases();
            assertThat(regressed).regressesOn("care");
            assertThat(tiny).hasTooFewCases();
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(regressed).hasNoRegression())
                .hasMessageContaining(String.format("%n"
                        + "Expecting regression gate:%n"
                        + "  regression gate FAILED: care regressed; 30 paired prompts, watching 'opposes', alpha 0.05 (Holm)%n"
                        + "to find no regression,%n"
                        + "but these values regressed: care%n"
                        + "%n"
                        + "value    baseline  candidate  only base  only cand    p exact     p Holm  effect                result%n"
                        + "care        0.000      0.333          0         10     0.0020     0.0039  +33.3 pp (OR inf)     REGRESSED%n"));
        assertThatThrownBy(() -> assertThat(tiny).hasNoRegression())
                .hasMessageContaining("but too few cases: with 5 paired prompts no difference in any of 2 values can be"
                        + " significant at alpha 0.05 (the exact McNemar test with Holm's correction needs at least 7 pairs).")
                .hasMessageContaining("regression gate FAILED: too few cases (at least 20 paired prompts needed); 5 paired prompts")
                .hasMessageContaining("TOO FEW CASES");
        assertThatThrownBy(() -> assertThat(tiny).regressesOn("care")).hasMessageContaining("to find regressions on exactly");
    }
}
