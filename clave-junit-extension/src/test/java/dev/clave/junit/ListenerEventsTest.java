package dev.clave.junit;

import dev.clave.data.ClaveCase;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.event.AssertionEvent;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.RegressionEvent;
import dev.clave.gate.GateReport;
import dev.clave.gate.RegressionGate;
import dev.clave.gate.ValueRule;
import dev.clave.model.ModelUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What the listener seam hears when value tests run: evaluations with their test, model and case, gates, assertions. */
class ListenerEventsTest {

    static final class Recorder implements ClaveListener {
        final List<CalibrationEvent> calibrations = new CopyOnWriteArrayList<>();
        final List<EvaluationEvent> evaluations = new CopyOnWriteArrayList<>();
        final List<GateEvent> gates = new CopyOnWriteArrayList<>();
        final List<RegressionEvent> regressions = new CopyOnWriteArrayList<>();
        final List<AssertionEvent> assertions = new CopyOnWriteArrayList<>();

        @Override
        public void calibrationReady(CalibrationEvent event) {
            calibrations.add(event);
        }

        @Override
        public void evaluated(EvaluationEvent event) {
            evaluations.add(event);
        }

        @Override
        public void gateChecked(GateEvent event) {
            gates.add(event);
        }

        @Override
        public void regressionChecked(RegressionEvent event) {
            regressions.add(event);
        }

        @Override
        public void assertionChecked(AssertionEvent event) {
            assertions.add(event);
        }
    }

    private final Recorder recorder = new Recorder();
    private ClaveEvents.Registration registration;

    @BeforeEach
    void listen() {
        registration = ClaveEvents.register(recorder);
    }

    @AfterEach
    void stop() {
        registration.close();
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v1",
            answers = Fixtures.ANSWERS)
    static class EvaluatingTestCase {
        @Test
        void evaluates_an_answer(ClaveEvaluator clave, ModelUnderTest bot) {
            assertThat(clave.evaluate(bot.ask(ClaveTestExtensionTest.POISON), ClaveTestExtensionTest.POISON)).supports("care");
        }
    }

    @Test
    void an_evaluation_in_a_test_names_the_test_the_model_that_wrote_the_text_and_the_values_asserted() {
        EngineExecutionResults results = Fixtures.run(EvaluatingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(recorder.evaluations).singleElement().satisfies(event -> {
            assertThat(event.evaluation().scenario()).isEqualTo(ClaveTestExtensionTest.POISON);
            assertThat(event.model()).isEqualTo("helpdesk-bot-v1");
            assertThat(event.extractor()).isEqualTo("offline-sentences");
            assertThat(event.test()).contains("[method:evaluates_an_answer(");
        });
        assertThat(recorder.assertions).singleElement().satisfies(event -> {
            assertThat(event.values()).containsExactly("care");
            assertThat(event.description()).isEqualTo("supports care");
            assertThat(event.held()).isTrue();
        });
        assertThat(recorder.calibrations).allSatisfy(event -> assertThat(event.source()).endsWith("calibration/helpdesk.jsonl"));
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, model = "helpdesk-bot-v2",
            answers = Fixtures.ANSWERS)
    static class GatedCasesTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(ValueRule.opposes("care").atMost(0.20).withMinimumSamples(5));

        @ParameterizedTest
        @ClaveCaseSource(Fixtures.CASES)
        void answer(ClaveCase testCase, Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @Test
    void each_case_reports_its_evaluation_with_case_id_tags_and_model_and_the_gate_reports_its_decision() {
        EngineExecutionResults results = Fixtures.run(GatedCasesTestCase.class);

        long cases = results.testEvents().started().count();
        assertThat(recorder.evaluations).hasSize((int) cases).allSatisfy(event -> {
            assertThat(event.model()).isEqualTo("helpdesk-bot-v2");
            assertThat(event.caseId()).isEqualTo(event.evaluation().id()).isNotBlank();
            assertThat(event.test()).contains("[test-template-invocation:");
        });
        assertThat(recorder.evaluations).anySatisfy(event -> assertThat(event.tags()).isNotEmpty());
        assertThat(recorder.gates).singleElement().satisfies(event -> {
            assertThat(event.subject()).isEqualTo("Value gate of ListenerEventsTest$GatedCasesTestCase");
            assertThat(event.evaluations()).hasSize((int) cases);
            assertThat(event.report().outcome()).isEqualTo(GateReport.Outcome.BLOCKED);
            assertThat(event.test()).contains("[class:dev.clave.junit.ListenerEventsTest$GatedCasesTestCase]");
        });
    }

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION, answers = Fixtures.ANSWERS)
    static class RegressionTestCase {
        @Test
        void v2_regresses_on_care(ClaveEvaluator clave, @Model("helpdesk-bot-v1") ModelUnderTest baseline,
                                  @Model("helpdesk-bot-v2") ModelUnderTest candidate) {
            List<String> prompts = RegressionGateTest.prompts();
            assertThat(RegressionGate.builder().build().compare(clave.evaluateAll(baseline.answersTo(prompts)),
                    clave.evaluateAll(candidate.answersTo(prompts)))).regressesOn("care");
        }
    }

    @Test
    void a_regression_assertion_reports_the_comparison_and_that_the_gate_fired_as_expected() {
        Fixtures.run(RegressionTestCase.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(recorder.regressions).singleElement().satisfies(event -> {
            assertThat(event.expectation()).isEqualTo(RegressionEvent.Expectation.REGRESSION);
            assertThat(event.held()).isTrue();
            assertThat(event.report().regressions()).extracting(c -> c.value()).containsExactly("care");
        });
        assertThat(recorder.evaluations).extracting(EvaluationEvent::model).containsOnly("helpdesk-bot-v1", "helpdesk-bot-v2");
    }
}
