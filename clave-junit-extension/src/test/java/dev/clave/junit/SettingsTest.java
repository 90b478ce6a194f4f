package dev.clave.junit;

import dev.clave.model.AnswerMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    @ClaveTest(valueSystem = "schwartz", model = "outer-model")
    static class Outer {
        @ClaveTest(model = "inner-model", cacheMode = ConceptCacheMode.REPLAY)
        class Inner {
        }
    }

    private static Settings settings(Map<String, String> parameters, Map<String, String> environment) {
        return new Settings(List.of(
                new Settings.Found(Outer.Inner.class.getAnnotation(ClaveTest.class), Outer.Inner.class),
                new Settings.Found(Outer.class.getAnnotation(ClaveTest.class), Outer.class)),
                key -> Optional.ofNullable(parameters.get(key)), environment::get, "Outer$Inner");
    }

    @Test
    void the_nearest_annotation_that_sets_an_attribute_wins_then_parameters_then_the_environment() {
        Settings settings = settings(Map.of(ClaveTest.MODEL_PROPERTY_NAME, "parameter-model",
                        ClaveTest.CALIBRATION_PROPERTY_NAME, "from-parameter.jsonl"),
                Map.of("CLAVE_CALIBRATION", "from-environment.jsonl", "CLAVE_CACHE_DIRECTORY", "env-cache"));

        assertThat(settings.get("model", ClaveTest::model, ClaveTest.MODEL_PROPERTY_NAME)).hasValue(
                new Settings.Setting("inner-model", "@ClaveTest(model = \"inner-model\") on SettingsTest$Outer$Inner"));
        assertThat(settings.get("valueSystem", ClaveTest::valueSystem, ClaveTest.VALUE_SYSTEM_PROPERTY_NAME)).hasValue(
                new Settings.Setting("schwartz", "@ClaveTest(valueSystem = \"schwartz\") on SettingsTest$Outer"));
        assertThat(settings.get("calibration", ClaveTest::calibration, ClaveTest.CALIBRATION_PROPERTY_NAME)).hasValue(
                new Settings.Setting("from-parameter.jsonl", "configuration parameter clave.calibration"));
        assertThat(settings.get("cacheDirectory", ClaveTest::cacheDirectory, ClaveTest.CACHE_DIRECTORY_PROPERTY_NAME)).hasValue(
                new Settings.Setting("env-cache", "environment variable CLAVE_CACHE_DIRECTORY"));
        assertThat(settings.getEnum("cacheMode", ClaveTest::cacheMode, ClaveTest.CACHE_MODE_PROPERTY_NAME, Enum::name))
                .hasValue(new Settings.Setting("REPLAY", "@ClaveTest(cacheMode = ConceptCacheMode.REPLAY) on SettingsTest$Outer$Inner"));
        assertThat(settings.getEnum("answerMode", ClaveTest::answerMode, ClaveTest.ANSWER_MODE_PROPERTY_NAME, AnswerMode::wire))
                .isEmpty();
        assertThat(settings.get("extractor", ClaveTest::extractor, ClaveTest.EXTRACTOR_PROPERTY_NAME)).isEmpty();
    }

    @Test
    void environment_variables_are_the_property_names_in_upper_case() {
        assertThat(Settings.environmentVariable(ClaveTest.ANSWER_MODE_PROPERTY_NAME)).isEqualTo("CLAVE_MODEL_ANSWER_MODE");
        assertThat(Settings.environmentVariable(ClaveTest.VALUE_SYSTEM_PROPERTY_NAME)).isEqualTo("CLAVE_VALUE_SYSTEM");
    }

    @Test
    void the_answer_mode_parses_its_option_form_and_lists_the_valid_ones() {
        assertThat(AnswerMode.fromWire("Record")).isEqualTo(AnswerMode.RECORD);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnswerMode.fromWire("default"))
                .hasMessage("Unknown answer mode 'default'. Valid answer modes are: replay, record, live");
    }
}
