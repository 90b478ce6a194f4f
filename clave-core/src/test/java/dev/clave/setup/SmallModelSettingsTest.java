package dev.clave.setup;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.embedding.Encoder;
import dev.clave.recognizer.DecisionRule;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.SelectionCriterion;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallModelSettingsTest {

    @Test
    void unset_keys_keep_the_measured_defaults() {
        assertThat(SmallModelSettings.fromProperties(key -> null)).isEqualTo(SmallModelSettings.DEFAULTS);
        assertThat(SmallModelSettings.fromProperties(key -> " ").head()).isEqualTo(HeadConfig.defaults());
    }

    @Test
    void reads_head_decision_strengths_fine_tuning_and_encoder() {
        Map<String, String> keys = Map.of(SmallModelSettings.HEAD, " Shared ", SmallModelSettings.DECISION, "macro-f1",
                SmallModelSettings.STRENGTHS, "1e-2, 1e-3", SmallModelSettings.FINE_TUNE, "3",
                SmallModelSettings.ENCODER, "all-minilm-l6-v2-q", SmallModelSettings.SELECT, "log-loss");
        SmallModelSettings settings = SmallModelSettings.fromProperties(keys::get);
        assertThat(settings.head().kind()).isEqualTo(HeadKind.SHARED);
        assertThat(settings.head().decision()).isEqualTo(DecisionRule.MACRO_F1);
        assertThat(settings.head().strengths()).containsExactly(1e-2, 1e-3);
        assertThat(settings.head().fineTuneEpochs()).isEqualTo(3);
        assertThat(settings.head().selection()).isEqualTo(SelectionCriterion.LOG_LOSS);
        assertThat(SmallModelSettings.DEFAULTS.head().selection()).as("the default").isEqualTo(SelectionCriterion.KAPPA);
        assertThat(settings.encoder()).isEqualTo(Encoder.ALL_MINILM_L6_V2_Q);
        assertThat(SmallModelSettings.fromProperties(Map.of(SmallModelSettings.HEAD, "shared")::get).head().strengths())
                .as("the shared head's own grid").isEqualTo(HeadConfig.SHARED_STRENGTHS);
    }

    @Test
    void a_bad_value_names_its_key_and_the_fix() {
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.HEAD, "lasso")::get))
                .isInstanceOf(UnknownNameException.class).hasMessageContaining("logistic, shared, adamw");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.SELECT, "accuracy")::get))
                .isInstanceOf(UnknownNameException.class).hasMessageContaining("kappa, log-loss");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.ENCODER, "bert")::get))
                .isInstanceOf(UnknownNameException.class).hasMessageContaining("bge-small-en-v15-q");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.FINE_TUNE, "many")::get))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage("clave.small-model.fine-tune must be a whole number of epochs, 0 to keep the encoder frozen"
                        + " (3 is a good start), but is: 'many'");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.STRENGTHS, "1e-2,strong")::get))
                .isInstanceOf(ClaveConfigurationException.class).hasMessageContaining("e.g. 1e-2,1e-3,1e-4");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.STRENGTHS, "0")::get))
                .isInstanceOf(ClaveConfigurationException.class).hasMessageContaining("clave.small-model.strengths=0 does not fit")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.HEAD, "adamw",
                SmallModelSettings.DECISION, "macro-f1")::get))
                .isInstanceOf(ClaveConfigurationException.class).hasMessageContaining("clave.small-model.decision=macro-f1")
                .hasMessageContaining("logistic or shared");
        assertThatThrownBy(() -> SmallModelSettings.fromProperties(Map.of(SmallModelSettings.HEAD, "adamw",
                SmallModelSettings.SELECT, "log-loss")::get))
                .isInstanceOf(ClaveConfigurationException.class).hasMessageContaining("clave.small-model.select=log-loss")
                .hasMessageContaining("logistic or shared");
        assertThat(SmallModelSettings.keys()).allMatch(k -> k.startsWith("clave.small-model."));
    }
}
