package dev.clave.probe;

import dev.clave.data.Label;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KnowWhatAnswerParserTest {

    static Stream<Arguments> recordedAnswers() {
        return ParserTables.read("know-what-answers.jsonl");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("recordedAnswers")
    void reads_the_intended_first_letter_of_every_recorded_answer_of_the_sample_models(String answer, String expected) {
        assertThat(KnowWhatAnswerParser.letter(answer).map(String::valueOf).orElse("unparseable")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            A dress code is a matter of taste, so C.     | C
            A because the writer reaches a goal.         | A
            I'd say a.                                   | unparseable
            The answer is b.                             | B
            Option C                                     | C
            (b)                                          | B
            ＢＣ                                          | unparseable
            答案为Ａ，因为作者坚持练习。                       | A
            ''                                           | unparseable
            """)
    void takes_the_first_standalone_letter_and_skips_the_article(String answer, String expected) {
        assertThat(KnowWhatAnswerParser.letter(answer).map(String::valueOf).orElse("unparseable")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"A, SUPPORTS", "B, OPPOSES", "C, UNRELATED"})
    void maps_letters_to_labels_and_back(char letter, Label label) {
        assertThat(KnowWhatAnswerParser.label(String.valueOf(letter))).contains(label);
        assertThat(KnowWhatAnswerParser.letter(label)).isEqualTo(letter);
    }
}
