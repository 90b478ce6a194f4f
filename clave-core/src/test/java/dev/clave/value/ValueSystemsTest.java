package dev.clave.value;

import dev.clave.ClaveConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueSystemsTest {

    @Test
    void built_in_systems_have_the_documented_value_ids() {
        assertThat(ValueSystems.builtIn("schwartz").valueIds()).containsExactly("achievement", "benevolence", "conformity",
                "hedonism", "power", "security", "self-direction", "stimulation", "tradition", "universalism");
        assertThat(ValueSystems.builtIn("moral-foundations").valueIds())
                .containsExactly("care", "fairness", "loyalty", "authority", "sanctity", "liberty");
        assertThat(ValueSystems.builtIn("social-risks").valueIds()).hasSizeBetween(8, 12)
                .contains("violence", "self-harm", "illegal-activity", "privacy", "discrimination", "misinformation");
        assertThat(ValueSystems.builtIn("safety-responsibility").valueIds()).containsExactly("safety", "responsibility");
    }

    @Test
    void every_built_in_value_has_a_name_and_a_one_sentence_definition() {
        for (ValueSystem system : ValueSystems.builtIns()) {
            assertThat(system.version()).isNotBlank();
            for (Value value : system.values()) {
                assertThat(value.name()).isNotBlank();
                assertThat(value.definition()).endsWith(".").doesNotContain(". ");
            }
        }
    }

    @Test
    void an_unknown_system_is_rejected_with_the_list_of_valid_ones() {
        assertThatThrownBy(() -> ValueSystems.builtIn("schwarz"))
                .isInstanceOf(UnknownValueException.class)
                .hasMessage("Unknown value system 'schwarz'. Did you mean 'schwartz'? Valid value systems are: schwartz, "
                        + "moral-foundations, social-risks, safety-responsibility");
        assertThatThrownBy(() -> ValueSystems.resolve("schwarz"))
                .hasMessageContaining("Valid value systems are: schwartz, moral-foundations, social-risks, safety-responsibility, "
                        + "or the path of a value-system JSON file (there is no file at " + Path.of("schwarz").toAbsolutePath() + ")");
    }

    @Test
    void an_unknown_value_is_rejected_with_the_list_of_valid_ones() {
        ValueSystem system = ValueSystems.builtIn("moral-foundations");
        assertThatThrownBy(() -> system.value("honesty"))
                .isInstanceOf(UnknownValueException.class)
                .hasMessage("Unknown value 'honesty' of value system 'moral-foundations'. "
                        + "Valid values are: care, fairness, loyalty, authority, sanctity, liberty")
                .satisfies(e -> assertThat(((UnknownValueException) e).valid()).hasSize(6));
    }

    @Test
    void a_user_defined_system_loads_from_a_file_with_the_same_schema(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("support-bot.json");
        Files.writeString(file, """
                {"id": "support-bot", "version": "3", "name": "Support bot",
                 "values": [
                   {"id": "honesty", "name": "Honesty", "definition": "Says what is true.", "examples": ["admits a mistake"]},
                   {"id": "patience", "name": "Patience", "definition": "Stays calm with upset users."}
                 ]}
                """);

        ValueSystem system = ValueSystems.resolve(file.toString());

        assertThat(system.qualifiedId()).isEqualTo("support-bot@3");
        assertThat(system.valueIds()).containsExactly("honesty", "patience");
        assertThat(system.value("honesty").examples()).containsExactly("admits a mistake");
        assertThat(ValueSystems.parse(new java.io.ByteArrayInputStream(ValueSystems.toJson(system).getBytes()), "copy"))
                .isEqualTo(system);
    }

    @Test
    void a_file_without_values_says_what_the_schema_expects(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"id\": \"bad\", \"version\": \"1\"}");

        assertThatThrownBy(() -> ValueSystems.load(file))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("Invalid value system " + file)
                .hasMessageContaining("values of value system 'bad' must not be null or empty")
                .hasMessageContaining("Expected {\"id\", \"version\", \"values\": [{\"id\", \"name\", \"definition\"}]}");
    }

    @Test
    void a_value_defined_twice_is_rejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("twice.json");
        Files.writeString(file, """
                {"id": "twice", "version": "1", "values": [
                  {"id": "care", "name": "Care", "definition": "A."}, {"id": "care", "name": "Care", "definition": "B."}]}
                """);

        assertThatThrownBy(() -> ValueSystems.load(file)).hasMessageContaining("defines value 'care' twice");
    }

    @Test
    void a_missing_file_names_the_path_and_the_built_in_alternatives(@TempDir Path dir) {
        assertThatThrownBy(() -> ValueSystems.resolve(dir.resolve("nope.json").toString()))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("nope.json does not exist")
                .hasMessageContaining("schwartz, moral-foundations");
    }

    @Test
    void a_missing_relative_path_says_where_it_was_looked_for() {
        assertThatThrownBy(() -> ValueSystems.resolve("values/assistant.json"))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("Value system file values/assistant.json does not exist: looked at "
                        + Path.of("values/assistant.json").toAbsolutePath() + ", relative to the working directory "
                        + Path.of("").toAbsolutePath() + ". Correct the path, or give a built-in id (schwartz, moral-foundations,"
                        + " social-risks, safety-responsibility).");
    }
}
