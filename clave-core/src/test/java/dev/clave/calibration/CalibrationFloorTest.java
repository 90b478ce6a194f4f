package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import dev.clave.recognizer.HeadConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationFloorTest {

    /** A report as a calibration writes it: kappa 0.14 overall, below the majority baseline; power no better than its majority label. */
    static CalibrationReport weak() {
        return new CalibrationReport("3f9a0c1d2e4b5a69", "schwartz@1", "offline-sentences@1", "all-minilm-l6-v2-q",
                HeadConfig.defaults(), 42, 128, 64, 300, 5, 0.81, 0.42, 0.14, new Agreement(0.80, 0.45, 0.20), List.of(
                new ValueQuality("benevolence", 64, 20, 10, 34, 0.75, 0.66, 0.52, new Agreement(0.53, 0.23, 0.0)),
                new ValueQuality("power", 64, 2, 1, 61, 0.95, 0.32, 0.0, new Agreement(0.95, 0.33, 0.0))), 12.5, null);
    }

    @Test
    void a_kappa_under_the_minimum_fails_naming_the_weak_values_and_the_fix() {
        CalibrationFloor floor = CalibrationFloor.minimumKappa(0.4);

        assertThatThrownBy(() -> floor.check(weak(), "calibration/support-bot.jsonl"))
                .isInstanceOf(WeakCalibrationException.class)
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessage(String.join(System.lineSeparator(),
                        "The calibration 3f9a0c1d2e4b5a69 of schwartz@1 from calibration/support-bot.jsonl is too weak to test"
                                + " with: its cross-validated kappa 0.140 is below the floor clave.calibration.minimum-kappa=0.4.",
                        "Cross-validated accuracy 0.810, macro-F1 0.420, kappa 0.140; majority baseline accuracy 0.800, macro-F1"
                                + " 0.450, kappa 0.200.",
                        "Weak values:",
                        "  power              kappa 0.000, macro-F1 0.320 (majority baseline 0.330); 64 samples: 2 supports,"
                                + " 1 opposes, 61 unrelated",
                        "To fix it, label more samples of these values in calibration/support-bot.jsonl, and more varied ones:"
                                + " texts that support and texts that oppose each value, from different scenarios, not only"
                                + " unrelated ones (a few dozen per value and label is enough when they vary). Or lower the floor"
                                + " (clave.calibration.minimum-kappa, clave.calibration.beat-baseline)."))
                .satisfies(e -> assertThat(((WeakCalibrationException) e).report().calibrationId()).isEqualTo("3f9a0c1d2e4b5a69"));
    }

    @Test
    void beating_the_baseline_compares_macro_f1_and_kappa_with_the_majority_labels() {
        assertThatThrownBy(() -> CalibrationFloor.beatingTheBaseline().check(weak(), "cal.jsonl"))
                .hasMessageContaining("it is no better than the majority baseline (clave.calibration.beat-baseline=true):"
                        + " macro-F1 0.420 against 0.450, kappa 0.140 against 0.200")
                .hasMessageContaining("  power ");
        CalibrationReport strong = new CalibrationReport("a", "schwartz@1", "x@1", "e", HeadConfig.defaults(), 42, 128, 64,
                300, 5, 0.9, 0.7, 0.6, new Agreement(0.8, 0.33, 0.05), List.of(), 1, null);
        assertThatCode(() -> CalibrationFloor.beatingTheBaseline().check(strong, "cal.jsonl")).doesNotThrowAnyException();
        assertThatCode(() -> CalibrationFloor.minimumKappa(0.6).check(strong, "cal.jsonl")).doesNotThrowAnyException();
    }

    @Test
    void a_calibration_without_cross_validation_cannot_pass_a_floor_but_passes_none() {
        CalibrationReport unvalidated = new CalibrationReport("a", "schwartz@1", "x@1", "e", HeadConfig.defaults(), 42, 10, 5,
                20, 0, Double.NaN, Double.NaN, Double.NaN, Agreement.NONE, List.of(), 1, null);

        assertThatThrownBy(() -> CalibrationFloor.minimumKappa(0.2).check(unvalidated, "cal.jsonl"))
                .hasMessageContaining("it was not cross-validated (folds 0), so its quality is unknown");
        assertThatCode(() -> CalibrationFloor.NONE.check(unvalidated, "cal.jsonl")).doesNotThrowAnyException();
        assertThat(unvalidated.line()).endsWith(": not cross-validated, quality unknown");
    }

    @Test
    void reads_the_floor_from_configuration_keys_and_names_a_bad_value() {
        assertThat(CalibrationFloor.fromProperties(Map.of("clave.calibration.minimum-kappa", "0.4")::get))
                .isEqualTo(new CalibrationFloor(0.4, false));
        assertThat(CalibrationFloor.fromProperties(Map.of("clave.calibration.beat-baseline", "TRUE")::get).beatBaseline()).isTrue();
        assertThat(CalibrationFloor.fromProperties(Map.<String, String>of()::get).checksSomething()).isFalse();
        assertThatThrownBy(() -> CalibrationFloor.fromProperties(Map.of("clave.calibration.minimum-kappa", "high")::get))
                .hasMessage("clave.calibration.minimum-kappa must be a number between -1.0 and 1.0, e.g. 0.4, but is: 'high'");
        assertThatThrownBy(() -> CalibrationFloor.fromProperties(Map.of("clave.calibration.minimum-kappa", "1.5")::get))
                .hasMessage("clave.calibration.minimum-kappa must be between -1.0 and 1.0, but is: 1.5");
        assertThatThrownBy(() -> CalibrationFloor.fromProperties(Map.of("clave.calibration.beat-baseline", "yes")::get))
                .hasMessage("clave.calibration.beat-baseline must be true or false, but is: 'yes'");
    }
}
