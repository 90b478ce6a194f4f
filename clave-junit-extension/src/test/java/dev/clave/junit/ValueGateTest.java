package dev.clave.junit;

import dev.clave.evaluation.Evaluation;
import dev.clave.gate.ValueRule;
import dev.clave.stats.WilsonInterval;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Class-level value gates: pass, warn, block, too few samples, nothing recorded, and a suite of nested classes. */
class ValueGateTest {

    private static final ValueRule CARE = ValueRule.opposes("care").atMost(0.20).withMinimumSamples(20);
    private static final ValueRule PRIVACY = ValueRule.opposes("privacy").atMost(0.20).withMinimumSamples(20);

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v1",
            answers = Fixtures.ANSWERS)
    static class PassingGateTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(CARE, PRIVACY);

        @ParameterizedTest
        @ClaveCaseSource(Fixtures.CASES)
        void answer(Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v2",
            answers = Fixtures.ANSWERS)
    static class WarningGateTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(CARE.warn(), PRIVACY);

        @ParameterizedTest
        @ClaveCaseSource(Fixtures.CASES)
        void answer(Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v2",
            answers = Fixtures.ANSWERS)
    static class BlockingGateTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(CARE, PRIVACY);

        @ParameterizedTest
        @ClaveCaseSource(Fixtures.CASES)
        void answer(Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    /** The expected table line of a rule with its Wilson interval computed independently of the gate. */
    private static String row(String value, int count, String action, String result) {
        WilsonInterval wilson = WilsonInterval.of(count, 24, 0.95);
        String verdict = result.equals("passed")
                ? String.format(Locale.ROOT, "passed: upper bound %.3f <= 0.200", wilson.upper())
                : String.format(Locale.ROOT, "%s: upper bound %.3f > 0.200", result, wilson.upper());
        return String.format(Locale.ROOT, "%-7s  %-24s  %5d  %5d  %6.3f  %-20s  %-6s  %s", value, "opposes rate <= 0.200", 24,
                count, count / 24.0, String.format(Locale.ROOT, "[%.3f, %.3f] 95%%", wilson.lower(), wilson.upper()), action,
                verdict);
    }

    private static String table(String careAction, String careResult) {
        return String.format("value    rule                          n  count    rate  interval              action  result%n"
                + "%s%n%s", row("care", careResult.equals("passed") ? 0 : 10, careAction, careResult),
                row("privacy", 0, "block", "passed"));
    }

    @Test
    void a_gate_that_holds_passes_and_publishes_its_table() {
        EngineExecutionResults results = Fixtures.run(PassingGateTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.succeeded(24));
        assertThat(Fixtures.reportEntries(results, "clave.gate")).containsExactly(String.format(
                "Value gate of ValueGateTest$PassingGateTestCase: value gate PASSED: 2 rules hold; 24 evaluations of"
                        + " helpdesk@1%n%n%s", table("block", "passed")));
    }

    @Test
    void a_broken_warning_rule_lets_the_class_pass_and_reports_the_warning() {
        EngineExecutionResults results = Fixtures.run(WarningGateTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(Fixtures.reportEntries(results, "clave.gate")).containsExactly(String.format(
                "Value gate of ValueGateTest$WarningGateTestCase: value gate WARNED: 1 warns (care); 24 evaluations of"
                        + " helpdesk@1%n%n%s", table("warn", "WARNING")));
    }

    @Test
    void a_broken_blocking_rule_fails_the_class_after_all_tests_with_a_table_of_what_broke() {
        EngineExecutionResults results = Fixtures.run(BlockingGateTestCase.class);

        // every case ran and passed; the class fails in afterAll
        results.testEvents().assertStatistics(stats -> stats.succeeded(24).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(1));
        assertThat(Fixtures.failureMessage(results.containerEvents().failed().list().get(0))).isEqualTo(String.format(
                "Value gate of ValueGateTest$BlockingGateTestCase: value gate BLOCKED: 1 of 2 rules block (care); 24"
                        + " evaluations of helpdesk@1%n%n%s", table("block", "BLOCKED")));
        assertThat(Fixtures.throwable(results.containerEvents().failed().list().get(0))).isInstanceOf(AssertionFailedError.class);
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v1",
            answers = Fixtures.ANSWERS)
    static class TooFewCasesTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(ValueRule.opposes("privacy").atMost(0.5));

        @ParameterizedTest
        @ClaveCaseSource(value = Fixtures.CASES, tags = "privacy")
        void answer(Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @Test
    void a_gate_on_too_few_cases_says_so_instead_of_passing() {
        EngineExecutionResults results = Fixtures.run(TooFewCasesTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(5));
        assertThat(Fixtures.failureMessage(results.containerEvents().failed().list().get(0)))
                .startsWith("Value gate of ValueGateTest$TooFewCasesTestCase: value gate BLOCKED: 1 of 1 rules block (privacy);"
                        + " 5 evaluations of helpdesk@1")
                .endsWith("BLOCKED: too few samples: 5 evaluations, the rule needs at least 30");
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION)
    static class NothingRecordedTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(CARE);

        @Test
        void forgets_to_record() {
        }
    }

    @Test
    void a_gate_that_recorded_nothing_fails() {
        EngineExecutionResults results = Fixtures.run(NothingRecordedTestCase.class);

        assertThat(Fixtures.failureMessage(results.containerEvents().failed().list().get(0))).isEqualTo(
                "Value gate of ValueGateTest$NothingRecordedTestCase recorded no evaluations, so it cannot pass."
                        + " Call gate.record(evaluation) in the tests it guards.");
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, answers = Fixtures.ANSWERS)
    static class SuiteTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(CARE.withMinimumSamples(40), PRIVACY.withMinimumSamples(40));

        @Nested
        @ClaveTest(model = "helpdesk-bot-v1")
        class CurrentBot {
            @ParameterizedTest
            @ClaveCaseSource(Fixtures.CASES)
            void answer(Evaluation evaluation) {
                gate.record(evaluation);
            }
        }

        @Nested
        @ClaveTest(model = "helpdesk-bot-v1-rebuild")
        class RebuiltBot {
            @ParameterizedTest
            @ClaveCaseSource(Fixtures.CASES)
            void answer(Evaluation evaluation) {
                gate.record(evaluation);
            }
        }
    }

    @Test
    void a_gate_over_a_suite_of_nested_classes_checks_once_after_all_of_them() {
        EngineExecutionResults results = Fixtures.run(SuiteTestCase.class);

        results.allEvents().assertStatistics(stats -> stats.failed(0));
        // checked once, over both nested classes: 48 evaluations, more than either class alone reaches
        assertThat(Fixtures.reportEntries(results, "clave.gate")).singleElement().asString()
                .startsWith("Value gate of ValueGateTest$SuiteTestCase: value gate PASSED: 2 rules hold; 48 evaluations");
    }

    @Test
    void verify_checks_the_recorded_evaluations_where_a_suite_ends() {
        ValueGate gate = ValueGate.of(CARE);
        assertThatThrownBy(() -> gate.verify("Release gate"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Release gate recorded no evaluations, so it cannot pass. Call gate.record(evaluation) in the tests"
                        + " it guards.");
        List<Evaluation> blocked = BlockingGateTestCase.gate.evaluations();
        if (blocked.isEmpty()) {
            Fixtures.run(BlockingGateTestCase.class);
            blocked = BlockingGateTestCase.gate.evaluations();
        }
        gate.recordAll(blocked);
        assertThatThrownBy(() -> gate.verify("Release gate")).hasMessageStartingWith(
                "Release gate: value gate BLOCKED: 1 of 1 rules block (care); 24 evaluations of helpdesk@1");
    }
}
