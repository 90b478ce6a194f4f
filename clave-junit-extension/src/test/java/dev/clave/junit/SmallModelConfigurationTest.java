package dev.clave.junit;

import dev.clave.calibration.CalibrationReport;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.recognizer.DecisionRule;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.SelectionCriterion;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The small model's configuration keys reach the calibration the extension makes. */
class SmallModelConfigurationTest {

    static final List<CalibrationReport> REPORTS = new CopyOnWriteArrayList<>();

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION)
    static class ReportTestCase {
        @Test
        void keeps_the_report(ClaveEvaluator clave) {
            REPORTS.add(clave.report());
        }
    }

    @Test
    void the_head_and_decision_keys_choose_the_small_model_the_evaluator_is_calibrated_with() {
        REPORTS.clear();
        Fixtures.run(Map.of(ClaveTest.HEAD_PROPERTY_NAME, "shared", ClaveTest.DECISION_PROPERTY_NAME, "macro-f1"),
                ReportTestCase.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        Fixtures.run(ReportTestCase.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(REPORTS).hasSize(2);
        assertThat(REPORTS.get(0).head().kind()).isEqualTo(HeadKind.SHARED);
        assertThat(REPORTS.get(0).head().decision()).isEqualTo(DecisionRule.MACRO_F1);
        assertThat(REPORTS.get(1).head().kind()).as("the default").isEqualTo(HeadKind.LOGISTIC);
        assertThat(REPORTS.get(1).head().selection()).isEqualTo(SelectionCriterion.KAPPA);
        assertThat(REPORTS.get(1).head().decision()).isEqualTo(DecisionRule.ARGMAX);
        assertThat(REPORTS.get(0).calibrationId()).as("another small model is another calibration")
                .isNotEqualTo(REPORTS.get(1).calibrationId());
    }

    @Test
    void a_misspelt_head_lists_the_valid_ones_and_names_where_it_was_set() {
        EngineExecutionResults results = Fixtures.run(Map.of(ClaveTest.HEAD_PROPERTY_NAME, "lasso"), ReportTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(Fixtures.failureMessage(results.testEvents().failed().list().get(0)))
                .contains("Unknown head 'lasso'").contains("logistic, shared, adamw")
                .endsWith("(set by configuration parameter clave.small-model.head)");
    }

    @Test
    void the_select_key_chooses_what_cross_validation_maximises_and_a_misspelt_one_lists_the_valid_ones() {
        REPORTS.clear();
        Fixtures.run(Map.of(ClaveTest.SELECT_PROPERTY_NAME, "log-loss"), ReportTestCase.class).testEvents()
                .assertStatistics(stats -> stats.succeeded(1));
        assertThat(REPORTS).singleElement().satisfies(report -> {
            assertThat(report.head().kind()).isEqualTo(HeadKind.LOGISTIC);
            assertThat(report.head().selection()).isEqualTo(SelectionCriterion.LOG_LOSS);
        });

        EngineExecutionResults results = Fixtures.run(Map.of(ClaveTest.SELECT_PROPERTY_NAME, "accuracy"), ReportTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(Fixtures.failureMessage(results.testEvents().failed().list().get(0)))
                .contains("Unknown selection criterion 'accuracy'").contains("kappa, log-loss")
                .endsWith("(set by configuration parameter clave.small-model.select)");
    }

    @Test
    void fine_tuning_with_the_adamw_head_says_which_heads_it_needs() {
        EngineExecutionResults results = Fixtures.run(Map.of(ClaveTest.HEAD_PROPERTY_NAME, "adamw",
                ClaveTest.FINE_TUNE_PROPERTY_NAME, "2"), ReportTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(Fixtures.failureMessage(results.testEvents().failed().list().get(0)))
                .contains("clave.small-model.fine-tune=2 does not fit").contains("logistic or shared")
                .endsWith("(set by configuration parameter clave.small-model.fine-tune)");
    }
}
