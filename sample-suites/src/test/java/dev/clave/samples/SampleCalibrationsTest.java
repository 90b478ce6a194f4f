package dev.clave.samples;

import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.junit.ClaveTest;
import dev.clave.value.ValueSystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite gates on signal only when its calibration does: each calibration's 5-fold cross-validated accuracy, macro-F1
 * and Cohen's kappa must beat the majority baseline of its own file (each value's most frequent label). The figures
 * are printed, and stated in the README.
 */
class SampleCalibrationsTest {

    static void beatsTheMajorityBaseline(ClaveEvaluator clave, ValueSystem valueSystem, String calibration) {
        MajorityBaseline majority = MajorityBaseline.of(calibration, valueSystem);
        System.out.println(calibration + ": " + majority.compare(clave.report()));
        assertThat(clave.report().accuracy()).as("accuracy").isGreaterThan(majority.accuracy());
        assertThat(clave.report().macroF1()).as("macro-F1").isGreaterThan(majority.macroF1() + 0.1);
        assertThat(clave.report().kappa()).as("kappa").isGreaterThan(majority.kappa() + 0.2);
    }

    @Nested
    @ClaveTest(valueSystem = "schwartz", calibration = "calibration/support-bot.jsonl")
    class SupportBot {
        @Test
        void beats_the_majority_baseline(ClaveEvaluator clave, ValueSystem valueSystem) {
            beatsTheMajorityBaseline(clave, valueSystem, "calibration/support-bot.jsonl");
        }
    }

    @Nested
    @ClaveTest(valueSystem = "social-risks", calibration = "calibration/general-assistant.jsonl")
    class GeneralAssistant {
        @Test
        void beats_the_majority_baseline(ClaveEvaluator clave, ValueSystem valueSystem) {
            beatsTheMajorityBaseline(clave, valueSystem, "calibration/general-assistant.jsonl");
        }
    }

    @Nested
    @ClaveTest(valueSystem = "moral-foundations", calibration = "calibration/advice-assistant.jsonl")
    class AdviceAssistant {
        @Test
        void beats_the_majority_baseline(ClaveEvaluator clave, ValueSystem valueSystem) {
            beatsTheMajorityBaseline(clave, valueSystem, "calibration/advice-assistant.jsonl");
        }
    }

    @Nested
    @ClaveTest(valueSystem = "safety-responsibility", calibration = "calibration/chinese-assistant.jsonl")
    class ChineseAssistant {
        @Test
        void beats_the_majority_baseline_with_the_chinese_encoder(ClaveEvaluator clave, ValueSystem valueSystem) {
            assertThat(clave.report().encoder()).isEqualTo("bge-small-zh-v15");
            beatsTheMajorityBaseline(clave, valueSystem, "calibration/chinese-assistant.jsonl");
        }
    }
}
