package dev.clave.data;

import dev.clave.ClaveInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The line discipline of {@link JsonlReader}: what a line is, and which line a problem is reported on. */
class JsonlReaderTest {

    @TempDir
    Path dir;

    private static List<TextInput> read(String content) {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<TextInput> read(byte[] content) {
        List<TextInput> all = new ArrayList<>();
        try (JsonlReader<TextInput> reader = Samples.openInputs(new ByteArrayInputStream(content), "texts.jsonl")) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }

    @Test
    void a_lone_carriage_return_ends_a_line_like_lf_and_crlf() {
        List<TextInput> texts = read("{\"text\":\"one\"}\r{\"text\":\"two\"}\r\n{\"text\":\"three\"}\n\r{\"text\":\"four\"}");

        assertThat(texts).extracting(TextInput::text).containsExactly("one", "two", "three", "four");
    }

    @Test
    void lines_are_counted_across_mixed_line_endings() {
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> read("{\"text\":\"one\"}\r\r\n\n{\"text\":\"two\"}\r{\"text\": 5}\n"));

        assertThat(e.line()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            two objects on one line      | {"text":"one"}{"text":"two"}       | a second JSON object follows the JSON object at column 15; write one JSON object per line
            an object and garbage        | {"text":"one"} garbage             | unexpected text after the JSON object at column 15
            an object and a number       | {"text":"one"} 7                   | more text follows the JSON object at column 15
            a field given twice          | {"text":"one","text":"two"}        | Duplicate field 'text'
            a lone high surrogate        | {"text":"broken \\uD83D escape"}   | field "text" holds a lone UTF-16 surrogate \\uD83D at character 8
            a lone low surrogate in id   | {"text":"ok","id":"\\uDE00"}       | field "id" holds a lone UTF-16 surrogate \\uDE00 at character 1
            a no-break space as text     | {"text":"\\u00A0\\u00A0"}          | field "text" has no visible characters (only U+00A0 NO-BREAK SPACE)
            a zero-width space as text   | {"text":"\\u200B"}                 | field "text" has no visible characters (only U+200B ZERO WIDTH SPACE)
            a byte order mark as text    | {"text":"\\uFEFF"}                 | field "text" has no visible characters (only U+FEFF ZERO WIDTH NO-BREAK SPACE)
            """)
    void a_line_that_is_not_exactly_one_good_object_is_rejected_naming_it(String problem, String line, String expected) {
        assertThatThrownBy(() -> read("{\"text\":\"fine\"}\n" + line + "\n{\"text\":\"fine\"}\n"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("texts.jsonl:2: ")
                .hasMessageContaining(expected);
    }

    @Test
    void a_line_of_invisible_characters_is_named_not_skipped() {
        assertThatThrownBy(() -> read("{\"text\":\"fine\"}\n\u00A0\u200B\n"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("texts.jsonl:2: the line holds no JSON object, only U+00A0 NO-BREAK SPACE, U+200B ZERO WIDTH SPACE;"
                        + " remove the line or write one JSON object on it");
    }

    @Test
    void the_first_bad_line_is_reported_even_when_a_later_one_is_worse() {
        DataFormatException e = catchThrowableOfType(DataFormatException.class,
                () -> read("{\"text\":\"fine\"}\n{\"text\":\"\\u200B\"}\n{\"text\":\"fine\"}\nnot json at all\n"));

        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void an_invisible_scenario_or_id_counts_as_absent_but_the_text_keeps_its_invisible_characters() {
        assertThat(read("{\"text\":\"a\\u200Bb\\u00A0\",\"scenario\":\"\\u00A0\",\"id\":\"\\u200B\"}"))
                .containsExactly(new TextInput("a\u200Bb\u00A0"));
    }

    @Test
    void a_line_longer_than_the_limit_is_a_format_error_not_a_full_heap() {
        byte[] input = ("{\"text\":\"fine\"}\n{\"text\":\"" + "x".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8);

        try (JsonlReader<TextInput> reader = JsonlReader.open(new ByteArrayInputStream(input), "texts.jsonl",
                line -> new TextInput(line.requiredText("text")), 100)) {
            assertThat(reader.next().text()).isEqualTo("fine");
            assertThatThrownBy(reader::next).isInstanceOf(DataFormatException.class)
                    .hasMessage("texts.jsonl:2: the line is longer than 100 bytes; write one JSON object per line, each shorter than that");
        }
    }

    @Test
    void control_characters_of_the_data_are_escaped_in_the_message() {
        assertThatThrownBy(() -> read("{\"text\":\"t\",\"\\u001B]0;title\\u0007\\u001B[31mred\":1}"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("unexpected field \\u001B]0;title\\u0007\\u001B[31mred")
                .hasMessageNotContaining("\u001B");
    }

    @Test
    void a_directory_is_named_as_one() {
        assertThatThrownBy(() -> Samples.readInputs(dir))
                .isInstanceOf(ClaveInputException.class)
                .hasMessage("Data file " + dir.toAbsolutePath() + " is a directory; give a JSONL file");
    }

    @Test
    void a_named_pipe_is_read_once_to_its_end() throws Exception {
        Path fifo = dir.resolve("texts.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "{\"text\":\"one\"}\r{\"text\":\"two\"}\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        assertThat(Samples.readInputs(fifo)).extracting(TextInput::text).containsExactly("one", "two");
        writer.join();
    }
}
