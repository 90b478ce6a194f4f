package dev.clave;

import dev.clave.value.UnknownValueException;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnknownNameExceptionTest {

    private static final List<String> VALUES = List.of("helpfulness", "honesty", "privacy-respect", "self-direction",
            "harmlessness");

    @Test
    void an_unknown_value_reads_naturally_and_suggests_the_nearest_valid_id() {
        UnknownValueException e = UnknownValueException.ofValue("assistant@1", "privacy", VALUES);

        assertThat(e).hasMessage("Unknown value 'privacy' of value system 'assistant@1'. Did you mean 'privacy-respect'?"
                + " Valid values are: helpfulness, honesty, privacy-respect, self-direction, harmlessness");
        assertThat(e.suggestion()).contains("privacy-respect");
        assertThat(e.unknown()).isEqualTo("privacy");
        assertThat(e.valid()).isEqualTo(VALUES);
    }

    @Test
    void every_unknown_name_gets_the_suggestion_in_the_same_words() {
        assertThatThrownBy(() -> ValueSystems.builtIn("schwarz"))
                .hasMessageStartingWith("Unknown value system 'schwarz'. Did you mean 'schwartz'? Valid value systems are: ");
        assertThat(new UnknownNameException("cache mode", "raed-only", List.of("read-write", "read-only", "replay")))
                .hasMessage("Unknown cache mode 'raed-only'. Did you mean 'read-only'? Valid cache modes are: read-write,"
                        + " read-only, replay");
    }

    @Test
    void nothing_is_suggested_when_no_valid_name_is_close() {
        UnknownValueException e = UnknownValueException.ofValue("assistant@1", "kindness", VALUES);

        assertThat(e).hasMessage("Unknown value 'kindness' of value system 'assistant@1'. Valid values are: helpfulness,"
                + " honesty, privacy-respect, self-direction, harmlessness");
        assertThat(e.suggestion()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Self_Direction      | self-direction
            selfdirection       | self-direction
            honsety             | honesty
            helpfullness        | helpfulness
            harmless            | harmlessness
            privacy-respekt     | privacy-respect
            """)
    void suggests_the_id_that_differs_by_case_separators_a_typo_or_a_missing_part(String unknown, String nearest) {
        assertThat(UnknownNameException.nearest(unknown, VALUES)).contains(nearest);
    }

    @ParameterizedTest
    @CsvSource({"kindness", "xy", "power", "'   '"})
    void suggests_nothing_far_from_every_valid_id(String unknown) {
        assertThat(UnknownNameException.nearest(unknown, VALUES)).isEmpty();
    }

    @Test
    void an_option_key_is_not_matched_on_its_shared_prefix_alone() {
        List<String> options = List.of("clave.extractor.timeout", "clave.extractor.concurrency", "clave.extractor.max-retries");

        assertThat(UnknownNameException.nearest("clave.extractor.colour", options)).isEmpty();
        assertThat(UnknownNameException.nearest("clave.extractor.time-out", options)).contains("clave.extractor.timeout");
    }
}
