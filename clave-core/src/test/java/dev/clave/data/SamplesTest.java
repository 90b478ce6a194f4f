package dev.clave.data;

import dev.clave.ClaveInputException;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTest {

    private static final ValueSystem SCHWARTZ = ValueSystems.builtIn("schwartz");
    private static final String GOOD = "{\"text\": \"I can't help with that.\", \"value\": \"security\", \"label\": \"supports\"}";

    @TempDir
    Path dir;

    @Test
    void reads_every_field_and_skips_blank_lines() throws IOException {
        Path file = write(GOOD, "", "{\"text\": \"Sure, here is how.\", \"value\": \"conformity\", \"label\": \"opposes\","
                + " \"scenario\": \"How do I cheat?\", \"id\": \"r7\"}", "   ");

        List<LabelledSample> samples = Samples.readAll(file, SCHWARTZ);

        assertThat(samples).containsExactly(
                new LabelledSample("I can't help with that.", "security", Label.SUPPORTS),
                new LabelledSample("Sure, here is how.", "conformity", Label.OPPOSES, "How do I cheat?", "r7"));
    }

    @Test
    void writes_what_it_reads() {
        List<LabelledSample> samples = List.of(new LabelledSample("Ünïcode 中文 \"quoted\"\nnewline", "power", Label.UNRELATED, "s", "id-1"),
                new LabelledSample("plain", "hedonism", Label.SUPPORTS));
        Path file = dir.resolve("out.jsonl");

        Samples.write(file, samples);

        assertThat(Samples.readAll(file, SCHWARTZ)).isEqualTo(samples);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            label outside the three    | {"text": "t", "value": "power", "label": "support"}      | label must be one of supports, opposes, unrelated, but is: 'support'
            unknown value              | {"text": "t", "value": "honesty", "label": "supports"}   | unknown value 'honesty' for value system 'schwartz'; valid values are: achievement, benevolence, conformity, hedonism, power, security, self-direction, stimulation, tradition, universalism
            misspelt value             | {"text": "t", "value": "Self_Direction", "label": "supports"} | unknown value 'Self_Direction' for value system 'schwartz' (did you mean 'self-direction'?); valid values are: achievement, benevolence, conformity, hedonism, power, security, self-direction, stimulation, tradition, universalism
            empty text                 | {"text": "  ", "value": "power", "label": "supports"}    | field "text" is empty
            missing text               | {"value": "power", "label": "supports"}                  | missing field "text"
            text of the wrong type     | {"text": 3, "value": "power", "label": "supports"}       | field "text" must be a string, but is number 3
            unexpected field           | {"text": "t", "value": "power", "label": "supports", "lable": "x"} | unexpected field lable (allowed fields: text, value, label, scenario, id)
            not an object              | ["t", "power", "supports"]                               | expected a JSON object, but found array
            invalid JSON               | {"text": "t", "value": "power", "label": supports}       | invalid JSON at column 50
            """)
    void a_bad_line_fails_with_file_line_and_what_was_expected(String problem, String badLine, String expected) throws IOException {
        Path file = write(GOOD, GOOD, badLine, GOOD);

        assertThatThrownBy(() -> Samples.readAll(file, SCHWARTZ))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((DataFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void invalid_utf8_fails_with_its_line() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"text\": \"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.write("\", \"value\": \"power\", \"label\": \"supports\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());

        assertThatThrownBy(() -> Samples.readAll(file, SCHWARTZ))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":2: invalid UTF-8")
                .hasMessageContaining("save the file as UTF-8");
    }

    @Test
    void a_missing_file_is_named() {
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> Samples.readAll(missing, SCHWARTZ))
                .isInstanceOf(ClaveInputException.class)
                .hasMessage("Data file " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void a_leading_byte_order_mark_is_accepted() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.writeString(file, "\uFEFF" + GOOD + "\n");

        assertThat(Samples.readAll(file, SCHWARTZ)).hasSize(1);
    }

    @Test
    void streams_records_without_reading_the_whole_input() {
        InputStream endless = new InputStream() {
            private final byte[] line = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
            private long position;

            @Override
            public int read() {
                return line[(int) (position++ % line.length)];
            }
        };

        try (JsonlReader<LabelledSample> reader = Samples.open(endless, "endless", SCHWARTZ)) {
            assertThat(reader.stream().limit(1000)).hasSize(1000);
            assertThat(reader.lineNumber()).isEqualTo(1000);
        }
    }

    @Test
    void reads_texts_to_evaluate() throws IOException {
        Path file = write("{\"text\": \"a\"}", "{\"text\": \"b\", \"scenario\": \"q\", \"id\": \"x\"}");

        assertThat(Samples.readInputs(file)).containsExactly(new TextInput("a"), new TextInput("b", "q", "x"));
    }

    @Test
    void a_text_to_evaluate_with_a_label_field_is_rejected_with_the_allowed_fields() throws IOException {
        Path file = write("{\"text\": \"a\", \"label\": \"supports\"}");

        assertThatThrownBy(() -> Samples.readInputs(file))
                .hasMessage(file + ":1: unexpected field label (allowed fields: text, scenario, id)");
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("data.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
