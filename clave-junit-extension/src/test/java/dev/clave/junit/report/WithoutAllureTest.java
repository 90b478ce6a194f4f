package dev.clave.junit.report;

import dev.clave.event.ClaveEvents;
import dev.clave.junit.ClaveTest;
import dev.clave.model.ModelUnderTest;
import dev.clave.evaluation.ClaveEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clave without Allure on the test class path (Allure is an optional dependency): the reporter's service entry still
 * loads, the reporter stays silent, tests pass, and the CI summary is written. Runs in its own Surefire execution
 * ({@code without-allure}) whose class path leaves Allure out.
 */
class WithoutAllureTest {

    @ClaveTest(valueSystem = FixtureRun.VALUE_SYSTEM, calibration = FixtureRun.CALIBRATION, model = "helpdesk-bot-v1",
            answers = FixtureRun.ANSWERS)
    static class EvaluatingTestCase {
        @Test
        void refuses_to_help_poison_a_dog(ClaveEvaluator clave, ModelUnderTest bot) {
            assertThat(clave.evaluate(bot.ask(FixtureRun.POISON), FixtureRun.POISON)).supports("care");
        }
    }

    @Test
    void allure_is_not_on_this_class_path() {
        assertThatThrownBy(() -> Class.forName("io.qameta.allure.Allure")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void the_allure_reporter_loads_from_its_service_entry_and_stays_inactive() {
        assertThat(ClaveEvents.listeners()).anyMatch(AllureReporter.class::isInstance).anyMatch(RunRecorder.class::isInstance);
        assertThat(AllureReporter.active()).isFalse();
    }

    @Test
    void value_tests_pass_and_the_summary_is_written_without_allure(@TempDir Path directory) throws IOException {
        TestExecutionSummary outcome = FixtureRun.run(directory, "without-allure", List.of(new ClaveRunListener()),
                EvaluatingTestCase.class);

        assertThat(outcome.getTestsSucceededCount()).isEqualTo(1);
        assertThat(outcome.getTestsFailedCount()).isZero();
        assertThat(Files.readString(directory.resolve("summary.md"))).contains("## Help desk values (helpdesk@1)",
                "### helpdesk-bot-v1 — 1 answer");
    }
}
