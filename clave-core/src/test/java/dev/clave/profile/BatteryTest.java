package dev.clave.profile;

import dev.clave.UnknownNameException;
import dev.clave.data.DataFormatException;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatteryTest {

    @TempDir
    Path dir;

    @Test
    void the_standard_battery_asks_every_question_in_english_and_in_chinese() {
        Battery battery = Battery.standard();

        assertThat(battery.size()).isEqualTo(66);
        assertThat(battery.languages()).containsExactly("en", "zh");
        assertThat(battery.name()).isEqualTo(Battery.STANDARD_NAME);
        for (BatteryQuestion question : battery.questions()) {
            assertThat(question.languages()).as(question.id()).containsExactly("en", "zh");
            assertThat(question.text("en")).as(question.id()).isNotBlank().doesNotContainPattern("\\p{IsHan}");
            assertThat(question.text("zh")).as(question.id()).containsPattern("\\p{IsHan}");
        }
        assertThat(new HashSet<>(battery.prompts("en"))).hasSize(66);
        assertThat(new HashSet<>(battery.prompts("zh"))).hasSize(66);
    }

    @Test
    void the_standard_battery_covers_every_schwartz_value_with_at_least_six_questions() {
        ValueSystem schwartz = ValueSystems.builtIn("schwartz");
        Map<String, Long> perValue = Battery.standard().questions().stream()
                .collect(Collectors.groupingBy(BatteryQuestion::value, Collectors.counting()));

        assertThat(perValue.keySet()).containsExactlyInAnyOrderElementsOf(schwartz.valueIds());
        assertThat(perValue.values()).allMatch(count -> count >= 6);
        assertThat(Battery.standard().questionsOf("benevolence")).extracting(BatteryQuestion::id)
                .containsExactly("q08", "q09", "q10", "q11", "q12", "q13", "q14");
    }

    @Test
    void reads_a_battery_file_of_its_own_languages() throws IOException {
        Path file = write("""
                {"id": "a", "value": "care", "en": "Would you help?", "pt-BR": "Você ajudaria?"}
                {"id": "b", "value": "fairness", "en": "Is it fair?", "pt-BR": "É justo?"}
                """);

        Battery battery = Battery.read(file);

        assertThat(battery.languages()).containsExactly("en", "pt-BR");
        assertThat(battery.prompts("pt-BR")).containsExactly("Você ajudaria?", "É justo?");
        assertThat(battery.question("b").value()).isEqualTo("fairness");
        assertThat(battery.name()).isEqualTo("battery.jsonl");
    }

    @Test
    void rejects_a_question_that_lacks_a_language_with_file_and_line() throws IOException {
        Path file = write("""
                {"id": "a", "value": "care", "en": "Would you help?", "zh": "你会帮忙吗？"}
                {"id": "b", "value": "care", "en": "Is it fair?"}
                """);

        assertThatThrownBy(() -> Battery.read(file)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("battery.jsonl:2")
                .hasMessageContaining("question 'b' has no text in zh")
                .hasMessageContaining("languages of its first line (en, zh)");
    }

    @Test
    void rejects_a_repeated_id_an_empty_text_and_a_field_that_is_not_a_language() throws IOException {
        Path repeated = write("""
                {"id": "a", "value": "care", "en": "One?"}
                {"id": "a", "value": "care", "en": "Two?"}
                """);
        assertThatThrownBy(() -> Battery.read(repeated)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(":2").hasMessageContaining("the question id 'a' is already used on line 1");

        Path empty = write("""
                {"id": "a", "value": "care", "en": " "}
                """);
        assertThatThrownBy(() -> Battery.read(empty)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(":1").hasMessageContaining("field \"en\" is empty");

        Path notALanguage = write("""
                {"id": "a", "value": "care", "en": "One?", "English": "One?"}
                """);
        assertThatThrownBy(() -> Battery.read(notALanguage)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("unexpected field English").hasMessageContaining("language tag");
    }

    @Test
    void checks_the_values_against_a_value_system_when_given_one() throws IOException {
        Path file = write("""
                {"id": "a", "value": "kindness", "en": "One?"}
                """);

        assertThatThrownBy(() -> Battery.read(file, ValueSystems.builtIn("schwartz"))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("unknown value 'kindness' for value system 'schwartz'")
                .hasMessageContaining("benevolence");
    }

    @Test
    void an_unknown_language_lists_the_batterys_languages() {
        assertThatThrownBy(() -> Battery.standard().prompts("fr")).isInstanceOf(UnknownNameException.class)
                .hasMessageContaining("'fr'").hasMessageContaining("en, zh");
    }

    @Test
    void finds_the_standard_battery_by_name_and_a_missing_file_says_where_it_looked() {
        assertThat(Battery.find("standard", getClass().getClassLoader())).isSameAs(Battery.standard());
        assertThat(Battery.find("", getClass().getClassLoader())).isSameAs(Battery.standard());
        assertThatThrownBy(() -> Battery.find("batteries/missing.jsonl", getClass().getClassLoader()))
                .hasMessageContaining("batteries/missing.jsonl").hasMessageContaining("'standard'");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("battery.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
