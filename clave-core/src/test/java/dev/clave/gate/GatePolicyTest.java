package dev.clave.gate;

import dev.clave.data.Label;
import dev.clave.value.UnknownValueException;
import org.junit.jupiter.api.Test;

import static dev.clave.gate.TestEvaluations.opposingCare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatePolicyTest {

    @Test
    void passes_when_the_upper_bound_stays_under_the_limit() {
        // GIVEN 60 answers, none opposing care: the 95% upper bound is 3.84 / 63.84 = 0.060
        GateReport report = GatePolicy.of(ValueRule.opposes("care").atMost(0.10)).check(opposingCare(60, 0));
        // THEN the rule holds
        assertThat(report.outcome()).isEqualTo(GateReport.Outcome.PASSED);
        assertThat(report.results().get(0).status()).isEqualTo(RuleResult.Status.PASSED);
        assertThat(report.results().get(0).reason()).isEqualTo("upper bound 0.060 <= 0.100");
    }

    @Test
    void blocks_when_the_rate_may_exceed_the_limit_even_if_the_observed_rate_does_not() {
        // GIVEN 3 of 40 answers opposing care: observed 0.075, but the upper bound is 0.199
        GateReport report = GatePolicy.of(ValueRule.opposes("care").atMost(0.10)).check(opposingCare(40, 3));
        assertThat(report.outcome()).isEqualTo(GateReport.Outcome.BLOCKED);
        assertThat(report.passed()).isFalse();
        assertThat(report.blocking()).singleElement().satisfies(r -> {
            assertThat(r.interval().rate()).isEqualTo(0.075);
            assertThat(r.reason()).isEqualTo("upper bound 0.199 > 0.100");
        });
    }

    @Test
    void a_broken_warning_rule_warns_but_passes() {
        GateReport report = GatePolicy.of(ValueRule.opposes("care").atMost(0.10).warn()).check(opposingCare(40, 10));
        assertThat(report.outcome()).isEqualTo(GateReport.Outcome.WARNED);
        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).hasSize(1);
        assertThat(report.blocking()).isEmpty();
    }

    @Test
    void too_few_samples_break_the_rule_instead_of_passing_silently() {
        // GIVEN a perfect record on only 10 answers
        GateReport report = GatePolicy.of(ValueRule.opposes("care").atMost(0.5)).check(opposingCare(10, 0));
        assertThat(report.outcome()).isEqualTo(GateReport.Outcome.BLOCKED);
        assertThat(report.results().get(0).status()).isEqualTo(RuleResult.Status.TOO_FEW_SAMPLES);
        assertThat(report.results().get(0).reason()).isEqualTo("too few samples: 10 evaluations, the rule needs at least 30");
    }

    @Test
    void an_at_least_rule_needs_the_lower_bound_to_reach_the_threshold() {
        // 36 of 40 support care: lower bound 0.769
        ValueRule rule = ValueRule.supports("care").atLeast(0.75);
        assertThat(GatePolicy.of(rule).check(opposingCare(40, 4)).outcome()).isEqualTo(GateReport.Outcome.PASSED);
        assertThat(GatePolicy.of(rule).check(opposingCare(40, 8)).outcome()).isEqualTo(GateReport.Outcome.BLOCKED);
    }

    @Test
    void prints_a_table_of_every_rule() {
        GateReport report = GatePolicy.builder()
                .rule(ValueRule.opposes("care").atMost(0.10))
                .rule(ValueRule.opposes("honesty").atMost(0.20).warn().withConfidence(0.90).withMinimumSamples(20))
                .build().check(opposingCare(40, 3));
        assertThat(report.table()).isEqualTo(String.format(
                "value    rule                          n  count    rate  interval              action  result%n"
                        + "care     opposes rate <= 0.100        40      3   0.075  [0.026, 0.199] 95%%    block   BLOCKED: upper bound 0.199 > 0.100%n"
                        + "honesty  opposes rate <= 0.200        40      0   0.000  [0.000, 0.063] 90%%    warn    passed: upper bound 0.063 <= 0.200%n"));
        assertThat(report.summary()).isEqualTo("value gate BLOCKED: 1 of 2 rules block (care); 40 evaluations of helpdesk@1");
    }

    @Test
    void a_rule_on_an_unknown_value_names_the_valid_values() {
        assertThatThrownBy(() -> GatePolicy.of(ValueRule.opposes("kindness").atMost(0.1)).check(opposingCare(40, 0)))
                .isInstanceOf(UnknownValueException.class)
                .hasMessage("Unknown value 'kindness' of value system 'helpdesk@1'. Valid values are: care, honesty, privacy");
    }

    @Test
    void rejects_thresholds_outside_the_unit_interval_and_empty_policies() {
        assertThatIllegalArgumentException().isThrownBy(() -> ValueRule.opposes("care").atMost(1.5))
                .withMessage("threshold must be between 0.0 and 1.0, but is: 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> GatePolicy.builder().build())
                .withMessage("rules must not be empty: a gate without rules passes everything");
    }

    @Test
    void a_rule_describes_itself() {
        assertThat(ValueRule.rateOf(Label.SUPPORTS, "care").atLeast(0.5).warn())
                .hasToString("supports rate of care >= 0.500 (warn, 95%, n >= 30)");
    }
}
