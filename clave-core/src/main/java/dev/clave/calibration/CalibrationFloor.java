package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The least cross-validated quality a calibration must have before tests may rely on it, so that a run does not gate
 * on noise: a minimum Cohen's kappa, and whether the small model must beat the majority baseline (per value the most
 * frequent label) on macro-F1 and kappa. {@link #check} fails with {@link WeakCalibrationException}, which names the
 * weak values and how to fix them.
 *
 * <p>Configured by {@value #MINIMUM_KAPPA} (a number between -1 and 1) and {@value #BEAT_BASELINE} ({@code true} or
 * {@code false}); {@link #NONE} (the default) checks nothing. Immutable.
 *
 * @param minimumKappa the least cross-validated kappa over all samples, or NaN for none
 * @param beatBaseline whether macro-F1 and kappa over all samples must be higher than the majority baseline's
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CalibrationFloor(double minimumKappa, boolean beatBaseline) {

    /** Configuration key of the least cross-validated kappa, e.g. {@code 0.4}. */
    public static final String MINIMUM_KAPPA = "clave.calibration.minimum-kappa";
    /** Configuration key of "must beat the majority baseline": {@code true} or {@code false} (the default). */
    public static final String BEAT_BASELINE = "clave.calibration.beat-baseline";

    /** No floor: every calibration is used. */
    public static final CalibrationFloor NONE = new CalibrationFloor(Double.NaN, false);

    public CalibrationFloor {
        if (!Double.isNaN(minimumKappa) && (minimumKappa < -1 || minimumKappa > 1)) {
            throw new ClaveConfigurationException(MINIMUM_KAPPA + " must be between -1.0 and 1.0, but is: " + minimumKappa);
        }
    }

    /** A floor of a minimum kappa. */
    public static CalibrationFloor minimumKappa(double kappa) {
        return new CalibrationFloor(kappa, false);
    }

    /** A floor of beating the majority baseline. */
    public static CalibrationFloor beatingTheBaseline() {
        return new CalibrationFloor(Double.NaN, true);
    }

    /**
     * The floor that configuration keys give ({@value #MINIMUM_KAPPA}, {@value #BEAT_BASELINE}); {@link #NONE} when
     * neither is set.
     *
     * @param lookup the value of a key, or null when it is not set
     * @throws ClaveConfigurationException naming the key when a value is not a number or not a boolean
     */
    public static CalibrationFloor fromProperties(Function<String, @Nullable String> lookup) {
        String kappa = lookup.apply(MINIMUM_KAPPA);
        String beat = lookup.apply(BEAT_BASELINE);
        double minimum = Double.NaN;
        if (kappa != null && !kappa.isBlank()) {
            try {
                minimum = Double.parseDouble(kappa.strip());
            } catch (NumberFormatException e) {
                throw new ClaveConfigurationException(MINIMUM_KAPPA + " must be a number between -1.0 and 1.0, e.g. 0.4,"
                        + " but is: '" + kappa + "'", e);
            }
        }
        boolean beating = false;
        if (beat != null && !beat.isBlank()) {
            String b = beat.strip().toLowerCase(Locale.ROOT);
            if (!b.equals("true") && !b.equals("false")) {
                throw new ClaveConfigurationException(BEAT_BASELINE + " must be true or false, but is: '" + beat + "'");
            }
            beating = b.equals("true");
        }
        return new CalibrationFloor(minimum, beating);
    }

    /** Whether this floor checks anything. */
    public boolean checksSomething() {
        return !Double.isNaN(minimumKappa) || beatBaseline;
    }

    /**
     * Fails when the calibration is below this floor.
     *
     * @param report the calibration's report
     * @param source where its labelled samples came from, for the message
     * @throws WeakCalibrationException naming the weak figures and values and how to fix them
     */
    public void check(CalibrationReport report, String source) {
        if (!checksSomething()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (report.folds() < 2) {
            problems.add("it was not cross-validated (folds " + report.folds() + "), so its quality is unknown");
        } else {
            if (!Double.isNaN(minimumKappa) && !(report.kappa() >= minimumKappa)) {
                problems.add(String.format(Locale.ROOT, "its cross-validated kappa %s is below the floor %s=%s",
                        Agreement.format(report.kappa()), MINIMUM_KAPPA, minimumKappa));
            }
            if (beatBaseline && !report.beatsBaseline()) {
                problems.add(String.format(Locale.ROOT, "it is no better than the majority baseline (%s=true): macro-F1 %s"
                                + " against %s, kappa %s against %s", BEAT_BASELINE, Agreement.format(report.macroF1()),
                        Agreement.format(report.baseline().macroF1()), Agreement.format(report.kappa()),
                        Agreement.format(report.baseline().kappa())));
            }
        }
        if (!problems.isEmpty()) {
            throw new WeakCalibrationException(report, message(report, source, problems));
        }
    }

    /** The values below this floor: kappa under the minimum, or macro-F1 or kappa no higher than the baseline's. */
    public List<ValueQuality> weakValues(CalibrationReport report) {
        return report.perValue().stream().filter(this::weak).toList();
    }

    private boolean weak(ValueQuality q) {
        boolean underKappa = !Double.isNaN(minimumKappa) && !(q.kappa() >= minimumKappa);
        boolean underBaseline = beatBaseline && !(q.macroF1() > q.baseline().macroF1() && q.kappa() > q.baseline().kappa());
        return underKappa || underBaseline;
    }

    private String message(CalibrationReport report, String source, List<String> problems) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("The calibration " + report.calibrationId() + " of " + report.valueSystem()
                + " from " + source + " is too weak to test with: " + String.join("; ", problems) + "." + nl);
        if (report.folds() > 1) {
            out.append("Cross-validated ").append(report.agreement()).append("; majority baseline ").append(report.baseline())
                    .append('.').append(nl);
            List<ValueQuality> weak = weakValues(report);
            if (!weak.isEmpty()) {
                out.append("Weak values:").append(nl);
                for (ValueQuality q : weak) {
                    out.append(String.format(Locale.ROOT, "  %-18s kappa %s, macro-F1 %s (majority baseline %s); %d samples: "
                                    + "%d supports, %d opposes, %d unrelated%n", q.value(), Agreement.format(q.kappa()),
                            Agreement.format(q.macroF1()), Agreement.format(q.baseline().macroF1()), q.samples(), q.supports(),
                            q.opposes(), q.unrelated()));
                }
            }
        }
        out.append("To fix it, label more samples of ").append(weakValues(report).isEmpty() || report.folds() < 2
                        ? "every value" : "these values").append(" in ").append(source)
                .append(", and more varied ones: texts that support and texts that oppose each value, from different")
                .append(" scenarios, not only unrelated ones (a few dozen per value and label is enough when they vary).")
                .append(" Or lower the floor (").append(MINIMUM_KAPPA).append(", ").append(BEAT_BASELINE).append(").");
        return out.toString();
    }
}
