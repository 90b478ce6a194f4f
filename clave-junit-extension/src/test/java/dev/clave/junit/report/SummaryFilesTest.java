package dev.clave.junit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The CI summary files: deterministic, merged across the test JVMs of one run, fresh for each run. */
class SummaryFilesTest {

    private static final List<String> VALUES = List.of("care", "honesty", "privacy");

    private static RunRecord.EvaluationRow answer(String key, String model, String care) {
        return new RunRecord.EvaluationRow(key, "helpdesk@1", model, "cal-1", VALUES, List.of(care, "unrelated", "supports"));
    }

    private static RunRecord.Data data(List<RunRecord.EvaluationRow> evaluations, int passed) {
        RunRecord.RuleRow rule = new RunRecord.RuleRow("care", "opposes", "<=", 0.2, "block", 0.95, 4, 2, 0.5, 0.15, 0.85,
                "BLOCKED", "upper bound 0.850 > 0.200", List.of("case-2", "case-10"));
        RunRecord.GateRow gate = new RunRecord.GateRow("Value gate of HelpdeskTest", "helpdesk@1", "BLOCKED",
                "value gate BLOCKED: 1 of 1 rules block (care); 4 evaluations of helpdesk@1", 4, "[engine:junit-jupiter]/[class:HelpdeskTest]",
                List.of("bot-v2"), List.of(rule));
        RunRecord.CalibrationRow calibration = new RunRecord.CalibrationRow("cal-1", "helpdesk@1", "Help desk values",
                "calibration/helpdesk.jsonl", "offline-sentences", 60, 5, 0.81, 0.62, 0.55,
                List.of(new RunRecord.ValueQualityRow("care", 20, 0.8, 0.7)));
        return new RunRecord.Data(evaluations, List.of(calibration), List.of(gate), List.of(),
                List.of(new RunRecord.UsageRow("offline-sentences", 3, 1, 0, 0, 0)), Map.of("helpdesk@1", "Help desk values"),
                new RunRecord.TestCounts(passed, 1, 0, 0));
    }

    private static List<RunRecord.EvaluationRow> answers() {
        return List.of(answer("a", "bot-v2", "opposes"), answer("b", "bot-v2", "opposes"), answer("c", "bot-v2", "supports"),
                answer("d", "bot-v2", "unrelated"), answer("e", "bot-v1", "supports"));
    }

    @Test
    void the_same_records_give_byte_identical_files_whatever_order_they_arrived_in(@TempDir Path one, @TempDir Path two)
            throws IOException {
        List<RunRecord.EvaluationRow> shuffled = new ArrayList<>(answers());
        Collections.shuffle(shuffled, new Random(7));

        SummaryFiles.write(one, "run", "jvm-1", data(answers(), 4));
        SummaryFiles.write(two, "run", "jvm-1", data(shuffled, 4));

        assertThat(Files.readAllBytes(two.resolve("summary.md"))).isEqualTo(Files.readAllBytes(one.resolve("summary.md")));
        assertThat(Files.readAllBytes(two.resolve("summary.json"))).isEqualTo(Files.readAllBytes(one.resolve("summary.json")));
        assertThat(Files.readString(one.resolve("summary.md"))).contains(
                "| care | 4 | 0.250 [0.046, 0.699] | 0.500 [0.150, 0.850] | 0.250 [0.046, 0.699] | 0.700 | BLOCKED: opposes rate <= 0.20 (Value gate of HelpdeskTest) |",
                "| care | opposes rate <= 0.200 | 4 | 2 | 0.500 | [0.150, 0.850] 95% | block | BLOCKED: upper bound 0.850 > 0.200 | case-2, case-10 |");
    }

    @Test
    void the_records_of_several_test_jvms_of_one_run_are_merged_counting_each_answer_once(@TempDir Path directory)
            throws IOException {
        SummaryFiles.write(directory, "run", "jvm-1", data(answers().subList(0, 3), 2));
        SummaryFiles.Written merged = SummaryFiles.write(directory, "run", "jvm-2", data(answers().subList(2, 5), 3));

        JsonNode json = new ObjectMapper().readTree(merged.json().toFile());
        assertThat(json.at("/tests/passed").asInt()).isEqualTo(5);
        assertThat(json.at("/valueSystems/0/evaluations").asInt()).isEqualTo(5);
        assertThat(json.at("/valueSystems/0/models/1/model").asText()).isEqualTo("bot-v2");
        assertThat(json.at("/valueSystems/0/models/1/values/0/opposes/count").asInt()).isEqualTo(2);
        assertThat(json.get("valueGates")).hasSize(1);
        assertThat(json.at("/usage/0/cacheHits").asInt()).isEqualTo(6);
    }

    @Test
    void a_new_run_replaces_the_records_of_an_earlier_one(@TempDir Path directory) throws IOException {
        SummaryFiles.write(directory, "monday", "jvm-1", data(answers(), 4));
        SummaryFiles.Written tuesday = SummaryFiles.write(directory, "tuesday", "jvm-1", data(answers().subList(0, 1), 1));

        assertThat(tuesday.summary().valueSystems().get(0).evaluations()).isEqualTo(1);
        assertThat(Files.list(directory.resolve("runs")).map(p -> p.getFileName().toString())).containsExactly("tuesday");
        assertThat(tuesday.charts()).extracting(p -> p.getFileName().toString()).containsExactly("helpdesk-1-rates.png");
    }

    @Test
    void each_value_system_gets_its_own_section_and_chart(@TempDir Path directory) throws IOException {
        List<RunRecord.EvaluationRow> both = new ArrayList<>(answers());
        both.add(new RunRecord.EvaluationRow("z", "moral-foundations@1", "bot-v2", "cal-2", List.of("care", "fairness"),
                List.of("supports", "opposes")));

        SummaryFiles.Written written = SummaryFiles.write(directory, "run", "jvm-1", data(both, 6));

        assertThat(written.summary().valueSystems()).extracting(Summary.ValueSystemSection::id)
                .containsExactly("helpdesk@1", "moral-foundations@1");
        assertThat(Files.readString(written.markdown())).contains("## Help desk values (helpdesk@1)", "## moral-foundations@1",
                "| fairness | 1 | 0.000 [0.000, 0.793] | 1.000 [0.207, 1.000] |");
        assertThat(written.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly("helpdesk-1-rates.png", "moral-foundations-1-rates.png");
    }

    @Test
    void names_sort_naturally_and_tests_are_named_by_class_and_method() {
        List<String> ids = new ArrayList<>(List.of("case-10", "case-2", "Case-1", "case-2b"));
        ids.sort(Names.NATURAL);

        assertThat(ids).containsExactly("Case-1", "case-2", "case-2b", "case-10");
        assertThat(Names.testName("[engine:junit-jupiter]/[class:a.b.ReleaseTest]/[method:v2_is_no_worse(a.B, a.C)]"))
                .isEqualTo("ReleaseTest.v2_is_no_worse");
    }
}
