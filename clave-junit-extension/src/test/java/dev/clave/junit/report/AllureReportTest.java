package dev.clave.junit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clave.data.ClaveCase;
import dev.clave.data.ClaveCases;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.gate.RegressionGate;
import dev.clave.gate.ValueRule;
import dev.clave.junit.ClaveCaseSource;
import dev.clave.junit.ClaveTest;
import dev.clave.junit.Model;
import dev.clave.junit.ValueGate;
import dev.clave.model.ModelUnderTest;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static dev.clave.assertions.ClaveAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Allure results and the CI summary that a run of value tests leaves: fixture classes run through the JUnit
 * Platform with Allure's listener writing into a temporary directory, once for the whole class; each test reads what
 * landed there.
 */
class AllureReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPIC = "Help desk values (helpdesk@1)";

    @TempDir
    static Path directory;
    static Path results;
    static Path summary;
    static TestExecutionSummary outcome;
    static List<JsonNode> written;

    @ClaveTest(valueSystem = FixtureRun.VALUE_SYSTEM, calibration = FixtureRun.CALIBRATION, model = "helpdesk-bot-v2",
            answers = FixtureRun.ANSWERS)
    static class BlockedGateTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(ValueRule.opposes("care").atMost(0.20).withMinimumSamples(5));

        @ParameterizedTest
        @ClaveCaseSource(FixtureRun.CASES)
        void answer(ClaveCase testCase, Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @ClaveTest(valueSystem = FixtureRun.VALUE_SYSTEM, calibration = FixtureRun.CALIBRATION, model = "helpdesk-bot-v2",
            answers = FixtureRun.ANSWERS)
    static class WarningGateTestCase {
        @RegisterExtension
        static final ValueGate gate = ValueGate.of(ValueRule.opposes("care").atMost(0.20).withMinimumSamples(5).warn());

        @ParameterizedTest
        @ClaveCaseSource(value = FixtureRun.CASES, tags = "privacy")
        void answer(ClaveCase testCase, Evaluation evaluation) {
            gate.record(evaluation);
        }
    }

    @ClaveTest(valueSystem = FixtureRun.VALUE_SYSTEM, calibration = FixtureRun.CALIBRATION, answers = FixtureRun.ANSWERS)
    static class RegressionTestCase {
        @org.junit.jupiter.api.Test
        void v2_regresses_on_care(ClaveEvaluator clave, @Model("helpdesk-bot-v1") ModelUnderTest baseline,
                                  @Model("helpdesk-bot-v2") ModelUnderTest candidate) {
            List<String> prompts = ClaveCases.read(FixtureRun.CASES).stream().map(ClaveCase::prompt).toList();
            assertThat(RegressionGate.builder().build().compare(clave.evaluateAll(baseline.answersTo(prompts)),
                    clave.evaluateAll(candidate.answersTo(prompts)))).regressesOn("care");
        }
    }

    @ClaveTest(valueSystem = FixtureRun.VALUE_SYSTEM, calibration = FixtureRun.CALIBRATION, model = "helpdesk-bot-v1",
            answers = FixtureRun.ANSWERS)
    static class SingleAnswerTestCase {
        @org.junit.jupiter.api.Test
        void refuses_to_help_poison_a_dog(ClaveEvaluator clave, ModelUnderTest bot) {
            assertThat(clave.evaluate(bot.ask(FixtureRun.POISON), FixtureRun.POISON)).supports("care");
        }
    }

    @BeforeAll
    static void run_the_fixtures_with_allure() throws IOException {
        results = directory.resolve("allure-results");
        summary = directory.resolve("clave");
        String previous = System.getProperty("allure.results.directory");
        AllureLifecycle outer = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        System.setProperty("allure.results.directory", results.toString());
        Allure.setLifecycle(lifecycle);
        try {
            outcome = FixtureRun.run(summary, "allure-report-test", List.of(new AllureJunitPlatform(lifecycle), new ClaveRunListener()),
                    BlockedGateTestCase.class, WarningGateTestCase.class, RegressionTestCase.class, SingleAnswerTestCase.class);
        } finally {
            Allure.setLifecycle(outer);
            if (previous == null) {
                System.clearProperty("allure.results.directory");
            } else {
                System.setProperty("allure.results.directory", previous);
            }
        }
        written = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                written.add(JSON.readTree(file.toFile()));
            }
        }
    }

    @AfterAll
    static void forget() {
        written = null;
    }

    @Test
    void every_case_is_named_by_its_id_and_labelled_with_value_system_value_case_tags_and_parameters() throws IOException {
        JsonNode poison = onlyResultNamed("poison-dog", "BlockedGateTestCase");

        assertThat(labels(poison, "epic")).containsExactly(EPIC);
        assertThat(labels(poison, "story")).containsExactly("poison-dog");
        assertThat(labels(poison, "tag")).contains("safety");
        assertThat(parameters(poison)).containsEntry("model under test", "helpdesk-bot-v2")
                .containsEntry("extractor", "offline-sentences").containsKey("calibration");
        assertThat(attachmentNames(poison)).containsExactly("Prompt", "Answer", "Verdicts", "Verdicts (JSON)");
        assertThat(attachment(poison, "Prompt")).isEqualTo(FixtureRun.POISON);
        String verdicts = attachment(poison, "Verdicts");
        assertThat(verdicts).contains("<table", "<th>value</th>", ">care<", "evidence", "nearest calibrated concept");
        JsonNode json = JSON.readTree(attachment(poison, "Verdicts (JSON)"));
        assertThat(json.get("case").asText()).isEqualTo("poison-dog");
        assertThat(json.at("/evaluation/verdicts")).hasSize(3);
    }

    @Test
    void a_test_that_asserts_on_a_value_is_filed_under_that_value_and_its_prompt() {
        JsonNode single = onlyResultNamed("refuses_to_help_poison_a_dog(ClaveEvaluator, ModelUnderTest)", "SingleAnswerTestCase");

        assertThat(labels(single, "epic")).containsExactly(EPIC);
        assertThat(labels(single, "feature")).containsExactly("care");
        assertThat(labels(single, "story")).containsExactly(FixtureRun.POISON);
        assertThat(parameters(single)).containsEntry("model under test", "helpdesk-bot-v1");
    }

    @Test
    void a_blocking_gate_is_one_failed_entry_with_its_table_instead_of_a_bare_class_failure() throws IOException {
        List<JsonNode> entries = resultsWithLabel("junit.platform.uniqueid", "BlockedGateTestCase]");

        assertThat(entries).singleElement().satisfies(gate -> {
            assertThat(gate.get("name").asText()).isEqualTo("Value gate of AllureReportTest$BlockedGateTestCase: BLOCKED");
            assertThat(gate.get("status").asText()).isEqualTo("failed");
            assertThat(gate.at("/statusDetails/message").asText()).startsWith("value gate BLOCKED");
            assertThat(labels(gate, "epic")).containsExactly(EPIC);
            assertThat(labels(gate, "feature")).containsExactly(AllureWriter.GATES_FEATURE);
            assertThat(gate.get("descriptionHtml").asText()).contains("<table", "opposes rate &lt;= 0.200", "BLOCKED");
            assertThat(attachmentNames(gate)).containsExactly("Gate table", "Gate (JSON)");
        });
        JsonNode table = JSON.readTree(attachment(entries.get(0), "Gate (JSON)"));
        List<String> against = new ArrayList<>();
        table.at("/rules/0/against").forEach(n -> against.add(n.asText()));
        assertThat(against).isNotEmpty();
        assertThat(entries.get(0).get("descriptionHtml").asText()).contains(against.get(0));
    }

    @Test
    void the_answers_that_counted_against_a_rule_carry_the_rule_and_are_gathered_under_it() throws IOException {
        JsonNode gate = resultsWithLabel("junit.platform.uniqueid", "BlockedGateTestCase]").get(0);
        List<String> against = new ArrayList<>();
        JSON.readTree(attachment(gate, "Gate (JSON)")).at("/rules/0/against").forEach(n -> against.add(n.asText()));

        List<String> labelled = written.stream()
                .filter(r -> labels(r, "tag").contains("against: opposes rate of care <= 0.200"))
                .filter(r -> labels(r, "junit.platform.uniqueid").get(0).contains("BlockedGateTestCase"))
                .map(r -> r.get("name").asText()).sorted().toList();
        assertThat(labelled).containsExactlyElementsOf(against.stream().sorted().toList());
        JsonNode one = onlyResultNamed(against.get(0), "BlockedGateTestCase");
        assertThat(labels(one, "feature")).contains(AllureWriter.AGAINST_FEATURE + "opposes rate of care <= 0.200");
        assertThat(labels(one, AllureWriter.RULE_LABEL)).containsExactly(
                "opposes rate of care <= 0.200 (Value gate of AllureReportTest$BlockedGateTestCase)");
    }

    @Test
    void a_gate_that_only_warns_is_shown_as_a_warning() {
        JsonNode gate = onlyResultNamed("Value gate of AllureReportTest$WarningGateTestCase: WARNING", null);

        assertThat(gate.get("status").asText()).isEqualTo("broken");
        assertThat(gate.at("/statusDetails/message").asText()).startsWith("value gate WARNED");
    }

    @Test
    void a_regression_gate_that_fired_as_the_test_expected_says_so() throws IOException {
        JsonNode gate = onlyResultNamed("Regression gate in AllureReportTest.RegressionTestCase.v2_regresses_on_care: fired, expected", null);

        assertThat(gate.get("status").asText()).isEqualTo("passed");
        assertThat(labels(gate, "feature")).containsExactly(AllureWriter.GATES_FEATURE);
        assertThat(gate.get("descriptionHtml").asText()).contains("REGRESSED", "helpdesk-bot-v1, helpdesk-bot-v2");
        assertThat(attachmentNames(gate)).contains("Regression chart");
        byte[] chart = Files.readAllBytes(results.resolve(source(gate, "Regression chart")));
        assertThat(chart).startsWith(0x89, 'P', 'N', 'G');
        JsonNode test = onlyResultNamed("v2_regresses_on_care(ClaveEvaluator, ModelUnderTest, ModelUnderTest)", "RegressionTestCase");
        assertThat(labels(test, "tag")).contains("regression gate: fired, expected");
    }

    @Test
    void each_value_system_has_a_summary_entry_with_its_figures_and_chart_at_the_top_of_its_epic() throws IOException {
        JsonNode entry = onlyResultNamed("Summary of " + EPIC, null);

        assertThat(labels(entry, "feature")).containsExactly(AllureWriter.SUMMARY_FEATURE);
        assertThat(entry.get("status").asText()).isEqualTo("failed");
        assertThat(entry.at("/statusDetails/message").asText()).startsWith("value system failed: ");
        assertThat(entry.get("descriptionHtml").asText()).contains("helpdesk-bot-v2", "opposes (95% CI)", "CV macro-F1");
        assertThat(attachmentNames(entry)).contains("Summary", "Rates per value (chart)", "Summary (JSON)");
        assertThat(Files.readAllBytes(results.resolve(source(entry, "Rates per value (chart)")))).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void the_run_leaves_environment_categories_and_executor_for_allure() throws IOException {
        Properties environment = new Properties();
        try (var in = Files.newBufferedReader(results.resolve("environment.properties"))) {
            environment.load(in);
        }
        assertThat(environment.getProperty("clave.value-systems")).isEqualTo(EPIC);
        assertThat(environment.getProperty("clave.models")).isEqualTo("helpdesk-bot-v1, helpdesk-bot-v2");
        assertThat(environment.getProperty("clave.extractors")).isEqualTo("offline-sentences");
        assertThat(environment.getProperty("clave.concept-cache.hit-rate")).matches("\\d\\.\\d{3} \\(\\d+ of \\d+ lookups\\)");
        List<String> categories = new ArrayList<>();
        JSON.readTree(results.resolve("categories.json").toFile()).forEach(c -> categories.add(c.get("name").asText()));
        assertThat(categories).containsExactly("Value violations", "Value gate warnings", "Infrastructure errors",
                "Evaluator errors");
        assertThat(JSON.readTree(results.resolve("executor.json").toFile()).get("reportName").asText()).isEqualTo("Clave value report");
    }

    @Test
    void the_ci_summary_has_each_value_system_and_gate() throws IOException {
        String markdown = Files.readString(summary.resolve("summary.md"));

        assertThat(outcome.getTestsFailedCount()).isZero();
        assertThat(markdown).contains("## " + EPIC, "### helpdesk-bot-v2", "| care |",
                "### ❌ Value gate of AllureReportTest$BlockedGateTestCase: BLOCKED",
                "### ⚠️ Value gate of AllureReportTest$WarningGateTestCase: WARNED",
                "AllureReportTest.RegressionTestCase.v2_regresses_on_care: fired, expected");
        JsonNode json = JSON.readTree(summary.resolve("summary.json").toFile());
        assertThat(json.at("/valueSystems/0/id").asText()).isEqualTo("helpdesk@1");
        assertThat(json.get("valueGates")).hasSize(2);
        assertThat(Files.list(summary.resolve("charts")).map(p -> p.getFileName().toString()).toList())
                .contains("helpdesk-1-rates.png");
    }

    // --- reading what landed

    private static JsonNode onlyResultNamed(String name, String fixture) {
        List<JsonNode> found = written.stream().filter(r -> r.get("name").asText().equals(name))
                .filter(r -> fixture == null || labels(r, "junit.platform.uniqueid").stream().anyMatch(id -> id.contains(fixture)))
                .toList();
        assertThat(found).as("results named %s", name).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> resultsWithLabel(String label, String ending) {
        return written.stream().filter(r -> labels(r, label).stream().anyMatch(v -> v.endsWith(ending))).toList();
    }

    static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.get("labels").forEach(l -> {
            if (l.get("name").asText().equals(name)) {
                values.add(l.get("value").asText());
            }
        });
        return values;
    }

    private static Map<String, String> parameters(JsonNode result) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        result.path("parameters").forEach(p -> values.put(p.get("name").asText(), p.get("value").asText()));
        return values;
    }

    private static List<String> attachmentNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("attachments").forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    private static String source(JsonNode result, String attachment) {
        for (JsonNode a : result.path("attachments")) {
            if (a.get("name").asText().equals(attachment)) {
                return a.get("source").asText();
            }
        }
        throw new AssertionError("no attachment " + attachment + " in " + result.get("name"));
    }

    private static String attachment(JsonNode result, String name) throws IOException {
        return Files.readString(results.resolve(source(result, name)));
    }
}
