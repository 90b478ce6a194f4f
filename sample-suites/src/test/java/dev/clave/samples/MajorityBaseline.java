package dev.clave.samples;

import dev.clave.calibration.CalibrationReport;
import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.value.ValueSystem;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline a calibration must beat before a suite may gate on it: predict each value's most frequent label of the
 * calibration file. Its figures are pooled over all samples, as the calibration report's are.
 */
record MajorityBaseline(double accuracy, double macroF1, double kappa) {

    static MajorityBaseline of(String resource, ValueSystem valueSystem) {
        List<LabelledSample> samples = Samples.readAll(Path.of("src/test/resources", resource), valueSystem);
        Map<String, Map<Label, Integer>> counts = new HashMap<>();
        for (LabelledSample sample : samples) {
            counts.computeIfAbsent(sample.value(), v -> new EnumMap<>(Label.class)).merge(sample.label(), 1, Integer::sum);
        }
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (LabelledSample sample : samples) {
            Label majority = counts.get(sample.value()).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            matrix.add(sample.label(), majority);
        }
        return new MajorityBaseline(matrix.accuracy(), matrix.macroF1(), matrix.kappa());
    }

    /** The calibration's cross-validated figures next to the baseline's, as the README states them. */
    String compare(CalibrationReport report) {
        return String.format(Locale.ROOT, "%s (%s): cross-validated accuracy %.3f, macro-F1 %.3f, kappa %.3f;"
                        + " majority baseline %.3f, %.3f, %.3f", report.valueSystem(), report.encoder(), report.accuracy(),
                report.macroF1(), report.kappa(), accuracy, macroF1, kappa);
    }
}
