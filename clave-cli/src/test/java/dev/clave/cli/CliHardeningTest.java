package dev.clave.cli;

import dev.clave.calibration.TestData;
import dev.clave.data.Samples;
import dev.clave.data.TextInput;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.clave.cli.ClaveCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line does with hostile input and hostile paths: every text gives a row or the run fails on the first
 * bad line with exit 3, outputs are replaced only by a complete run, and no message carries a stack trace or a raw
 * control character.
 */
class CliHardeningTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path cache;

    @BeforeAll
    static void calibrate() {
        Path data = dir.resolve("labels.jsonl");
        Samples.write(data, TestData.english());
        model = dir.resolve("model");
        cache = dir.resolve("cache");
        ClaveCliTest.Run calibrate = run("calibrate", "--value-system", "safety-responsibility", "--data", data.toString(),
                "--out", model.toString(), "--cache", cache.toString(), "--folds", "0", "--quiet");
        assertThat(calibrate.exitCode()).as(calibrate.err()).isZero();
    }

    private static ClaveCliTest.Run evaluate(Path in, Path out) {
        return run("evaluate", "--model", model.toString(), "--in", in.toString(), "--out", out.toString(),
                "--cache", cache.toString(), "--quiet");
    }

    private static void assertNoStackTraceOrControlCharacter(ClaveCliTest.Run run) {
        assertThat(run.err()).doesNotContain("unexpected failure").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContainPattern("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]");
    }

    @Test
    void evaluates_a_named_pipe_read_once_and_writes_every_row() throws Exception {
        // GIVEN a named pipe (what a process substitution gives): it can be read only once
        Path fifo = dir.resolve("texts.fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(Samples.toJsonLine(new TextInput("Please call a crisis line, text number " + i + ".", null, "t-" + i)));
        }
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, lines);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Path out = dir.resolve("from-pipe.jsonl");

        // WHEN it is evaluated
        ClaveCliTest.Run run = evaluate(fifo, out);
        writer.join();

        // THEN every text gave one row, in order
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("evaluated 300 texts");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(300);
        assertThat(rows.get(299)).contains("\"id\":\"t-299\"");
    }

    @Test
    void the_same_file_as_input_and_output_is_refused_and_left_as_it_was() throws IOException {
        Path texts = dir.resolve("same.jsonl");
        Samples.writeJsonl(texts, List.of(new TextInput("Keep me.", null, "a")));
        byte[] before = Files.readAllBytes(texts);
        Path link = Files.createSymbolicLink(dir.resolve("same-link.jsonl"), texts);

        ClaveCliTest.Run direct = evaluate(texts, dir.resolve(".").resolve("same.jsonl"));
        ClaveCliTest.Run throughLink = evaluate(link, texts);

        for (ClaveCliTest.Run run : List.of(direct, throughLink)) {
            assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
            assertThat(run.err()).contains("--in and --out name the same file").contains("Give --out another file");
        }
        assertThat(Files.readAllBytes(texts)).isEqualTo(before);
    }

    @Test
    void a_run_that_fails_on_a_bad_line_leaves_the_earlier_output_untouched() throws IOException {
        // GIVEN earlier results, and texts whose third line is bad
        Path out = dir.resolve("results.jsonl");
        Files.writeString(out, "{\"earlier\": \"results\"}\n");
        Path in = dir.resolve("third-bad.jsonl");
        Files.writeString(in, "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\":\"three\"}{\"text\":\"four\"}\n{\"text\":\"five\"}\n");

        // WHEN they are evaluated into the same output
        ClaveCliTest.Run run = evaluate(in, out);

        // THEN exit 3 names the line, the earlier results are intact, and no temporary file is left
        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_INPUT);
        assertThat(run.err()).isEqualTo("clave: " + in + ":3: a second JSON object follows the JSON object at column 17; "
                + "write one JSON object per line" + System.lineSeparator());
        assertThat(Files.readString(out)).isEqualTo("{\"earlier\": \"results\"}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a lone surrogate escape     | {"text":"broken \\uD83D"}              | :2: field "text" holds a lone UTF-16 surrogate \\uD83D
            only no-break spaces        | {"text":"\\u00A0\\u00A0"}             | :2: field "text" has no visible characters (only U+00A0 NO-BREAK SPACE)
            only a zero-width space     | {"text":"\\u200B"}                    | :2: field "text" has no visible characters (only U+200B ZERO WIDTH SPACE)
            a lone carriage return      | `{"text":"two"}\r{"text":3}`          | :3: field "text" must be a string, but is number 3
            escape codes in a field     | {"text":"t","\\u001B[2J\\u0007":1}    | :2: unexpected field \\u001B[2J\\u0007 (allowed fields: text, scenario, id)
            """)
    void bad_input_data_exits_3_with_file_and_line_and_no_stack_trace(String what, String badLine, String expected)
            throws IOException {
        Path in = dir.resolve("bad-" + what.replace(' ', '-') + ".jsonl");
        Files.writeString(in, "{\"text\":\"fine\"}\n" + badLine + "\n{\"text\":\"fine\"}\n");

        ClaveCliTest.Run run = evaluate(in, dir.resolve("never.jsonl"));

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_INPUT);
        assertThat(run.err()).startsWith("clave: " + in + expected);
        assertNoStackTraceOrControlCharacter(run);
        assertThat(dir.resolve("never.jsonl")).doesNotExist();
    }

    @Test
    void a_text_with_invisible_paragraphs_and_escape_codes_is_evaluated_like_any_other() throws IOException {
        Path in = dir.resolve("invisible-parts.jsonl");
        Samples.writeJsonl(in, List.of(new TextInput("Please call a crisis line right now.\n\u200B \u200B \u200B\n\u00A0 \u00A0 \u00A0"),
                new TextInput("\u001B[31mRed text\u001B[0m that asks you to stay safe and call for help.")));
        Path out = dir.resolve("invisible-parts-out.jsonl");

        ClaveCliTest.Run run = evaluate(in, out);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(2);
    }

    @Test
    void a_directory_as_input_exits_3_and_as_output_exits_2() {
        ClaveCliTest.Run input = evaluate(dir, dir.resolve("never.jsonl"));
        Path texts = dir.resolve("one.jsonl");
        Samples.writeJsonl(texts, List.of(new TextInput("Please call a crisis line.")));
        ClaveCliTest.Run output = evaluate(texts, dir);

        assertThat(input.exitCode()).isEqualTo(ClaveCli.EXIT_INPUT);
        assertThat(input.err()).contains(dir + " is a directory; give a JSONL file");
        assertThat(output.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(output.err()).contains(dir + ": it is a directory; give the path of a file");
        assertNoStackTraceOrControlCharacter(input);
        assertNoStackTraceOrControlCharacter(output);
    }

    @Test
    void a_file_as_the_cache_directory_exits_2_with_the_fix() throws IOException {
        Path texts = dir.resolve("one-more.jsonl");
        Samples.writeJsonl(texts, List.of(new TextInput("Please call a crisis line.")));
        Path notADirectory = Files.writeString(dir.resolve("cache-file"), "x");

        ClaveCliTest.Run run = run("evaluate", "--model", model.toString(), "--in", texts.toString(), "--out",
                dir.resolve("never.jsonl").toString(), "--cache", notADirectory.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(run.err()).contains("is a file, not a directory; give --cache");
        assertNoStackTraceOrControlCharacter(run);
    }

    @Test
    void split_refuses_to_write_over_its_input_and_replaces_both_outputs_only_together() throws IOException {
        Path data = dir.resolve("split-data.jsonl");
        Samples.write(data, TestData.english());
        byte[] before = Files.readAllBytes(data);

        ClaveCliTest.Run overInput = run("split", "--data", data.toString(), "--per-value", "5", "--calibration-out",
                data.toString(), "--test-out", dir.resolve("split-test.jsonl").toString());
        ClaveCliTest.Run oneFile = run("split", "--data", data.toString(), "--per-value", "5", "--calibration-out",
                dir.resolve("both.jsonl").toString(), "--test-out", dir.resolve("both.jsonl").toString());

        assertThat(overInput.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(overInput.err()).contains("--data and --calibration-out name the same file");
        assertThat(oneFile.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
        assertThat(dir.resolve("split-test.jsonl")).doesNotExist();
    }

    @Test
    void bench_with_an_empty_test_file_exits_3_before_calibrating() throws IOException {
        Path calibration = dir.resolve("bench-calibration.jsonl");
        Samples.write(calibration, TestData.english());
        Path empty = Files.writeString(dir.resolve("bench-empty.jsonl"), "\n");

        ClaveCliTest.Run run = run("bench", "--calibration", calibration.toString(), "--test", empty.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_INPUT);
        assertThat(run.err()).contains("No test samples in " + empty);
    }

    @Test
    void value_system_definitions_are_shown_with_their_escape_codes_escaped() throws IOException {
        Path system = dir.resolve("hostile-values.json");
        Files.writeString(system, "{\"id\": \"hostile\", \"version\": \"1\", \"values\": [{\"id\": \"care\", \"name\": \"Care\","
                + " \"definition\": \"\\u001B]0;owned\\u0007\\u001B[31mred\"}]}");

        ClaveCliTest.Run run = run("value-systems", system.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\\u001B]0;owned\\u0007\\u001B[31mred").doesNotContain("\u001B").doesNotContain("\u0007");
    }

    @Test
    void a_bad_option_with_escape_codes_is_shown_escaped_with_the_usage() {
        ClaveCliTest.Run run = run("evaluate", "--model", "m", "--in", "i", "--out", "o", "--\u001B[31mcolour");

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(run.err()).contains("\\u001B[31mcolour").doesNotContain("\u001B");
    }

    @Test
    void progress_of_a_phase_of_unknown_size_shows_the_count_without_a_total() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        progress.update("evaluating", 0, dev.clave.Progress.UNKNOWN);
        progress.update("evaluating", 4096, dev.clave.Progress.UNKNOWN);
        progress.update("evaluating", 5000, 5000);

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("evaluating").contains("4096").contains("100% (5000/5000)").doesNotContain("/-1");
    }
}
