package dev.clave.profile;

import dev.clave.data.Label;
import dev.clave.stats.EnergyDistance;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notNull;

/**
 * What a {@link ProfileComparator} found between a baseline profile and a candidate's: whether the answers' values
 * moved, how far, on which values, and whether the answers changed at all.
 * <ul>
 *   <li>{@link #values()} (the primary comparison): the energy distance between the two sets of value vectors (per
 *   value, P(supports) - P(opposes)) with its permutation p-value, and source identification in that space.</li>
 *   <li>{@link #shifts()}: per value, the same test on that value's scores alone, Holm-corrected across values: where
 *   the values moved.</li>
 *   <li>{@link #rates()}: per value, the change of the {@code supports} and {@code opposes} rates, exact McNemar test on
 *   the paired questions with Holm's correction; empty when the profiles did not answer the same questions.</li>
 *   <li>{@link #embedding()}: the same distance and probe on the answers' sentence embeddings, when both profiles were
 *   embedded by the same encoder (else null). It sees any change of the answers, wording included, so it says whether
 *   the answers changed, not whether their values did.</li>
 * </ul>
 * A candidate {@link #drifted() drifted} when the value-vector distance is significant at {@link #alpha()}.
 *
 * @param baseline  the baseline profile
 * @param candidate the candidate profile
 * @param paired    whether the answers were paired by question
 * @param alpha     the significance level
 * @param values    the comparison of the value vectors
 * @param embedding the comparison of the embeddings, or null when the encoders differ
 * @param shifts    per value, the shift of its scores, in the value system's order
 * @param rates     the rate changes per value and label (supports, opposes), in the value system's order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileComparison(ModelProfile baseline, ModelProfile candidate, boolean paired, double alpha,
                                SpaceComparison values, @Nullable SpaceComparison embedding, List<ValueShift> shifts,
                                List<RateChange> rates) {

    public ProfileComparison {
        notNull(baseline, "baseline");
        notNull(candidate, "candidate");
        notNull(values, "values");
        shifts = List.copyOf(notNull(shifts, "shifts"));
        rates = List.copyOf(notNull(rates, "rates"));
    }

    /** The comparison whose distance decides drift: the value vectors'. */
    public SpaceComparison primary() {
        return values;
    }

    /** The comparisons made: value vectors, then embeddings (when comparable). */
    public List<SpaceComparison> spaces() {
        return embedding != null ? List.of(values, embedding) : List.of(values);
    }

    /** Whether the value-vector distance is significant at {@link #alpha()}. */
    public boolean drifted() {
        return values.distance().significant(alpha);
    }

    /**
     * Whether the answers' values drifted by more than {@code tolerance}: the value-vector distance is significant and
     * its energy coefficient H exceeds the tolerance. A tolerance of 0 counts any significant drift.
     */
    public boolean driftedBeyond(double tolerance) {
        return drifted() && values.distance().coefficient() > tolerance;
    }

    /** The values whose scores shifted significantly (after Holm), in the value system's order. */
    public List<String> shiftedValues() {
        return shifts.stream().filter(ValueShift::significant).map(ValueShift::value).toList();
    }

    /** The shift of one value. @throws IllegalArgumentException when the value was not compared */
    public ValueShift shift(String value) {
        return shifts.stream().filter(s -> s.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no value '" + value + "' was compared; the values are "
                        + shifts.stream().map(ValueShift::value).toList()));
    }

    /** The rate changes that are significant after Holm's correction. */
    public List<RateChange> significantRateChanges() {
        return rates.stream().filter(RateChange::significant).toList();
    }

    /** The values with a significant rate change, in the value system's order. */
    public List<String> changedValues() {
        return rates.stream().filter(RateChange::significant).map(RateChange::value).distinct().toList();
    }

    /**
     * One line, e.g. {@code assistant-v2 [zh] vs assistant-v1 [zh]: DRIFTED (value vectors (schwartz@1): H 0.048,
     * p = 0.001); shifted: benevolence; rates changed on benevolence; source identification 0.652 [...]}.
     */
    public String summary() {
        EnergyDistance d = values.distance();
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s vs %s: %s (%s: H %.4f, p = %.4g)", candidate.name(), baseline.name(),
                drifted() ? "DRIFTED" : "no drift", values.description(), d.coefficient(), d.pValue()));
        parts.add(shiftedValues().isEmpty() ? "no value shifted" : "shifted: " + String.join(", ", shiftedValues()));
        parts.add(!paired ? "rates not compared (the profiles answered different questions)"
                : changedValues().isEmpty() ? "no rate changed" : "rates changed on " + String.join(", ", changedValues()));
        parts.add("source identification " + values.identification());
        if (embedding != null) {
            parts.add(String.format(Locale.ROOT, "answers' embeddings %s (H %.4f, p = %.4g)",
                    embedding.distance().significant(alpha) ? "differ" : "do not differ", embedding.distance().coefficient(),
                    embedding.distance().pValue()));
        }
        return String.join("; ", parts);
    }

    /**
     * The tables a CI log shows: one line per space, then one line per value with its shift and rate changes.
     * <pre>
     * space                            energy distance  H       p       permutations  source identification
     * value vectors (schwartz@1)               0.02201  0.0477  0.0010  999 paired    0.652 [0.531, 0.755] (43/66 questions, 10 folds)
     * embeddings (bge-small-zh-v15)            0.01429  0.0075  0.0010  999 paired    0.727 [0.610, 0.820] (48/66 questions, 10 folds)
     *
     * value        mean score  H       p Holm  supports (base > cand, p Holm)  opposes (base > cand, p Holm)  result
     * benevolence      -0.080  0.0740  0.0100  0.106 > 0.000  0.3125          0.015 > 0.061  1.0000          SHIFTED
     * </pre>
     */
    public String table() {
        StringBuilder out = new StringBuilder();
        int spaceWidth = Math.max(5, spaces().stream().mapToInt(s -> s.description().length()).max().orElse(5));
        String spaceFormat = "%-" + spaceWidth + "s  %15s  %7s  %8s  %-20s  %s%n";
        out.append(String.format(Locale.ROOT, spaceFormat, "space", "energy distance", "H", "p", "permutations",
                "source identification"));
        for (SpaceComparison space : spaces()) {
            EnergyDistance d = space.distance();
            out.append(String.format(Locale.ROOT, spaceFormat, space.description(), String.format(Locale.ROOT, "%.5f", d.distance()),
                    String.format(Locale.ROOT, "%.4f", d.coefficient()), String.format(Locale.ROOT, "%.4f", d.pValue()),
                    d.permutations() + (d.exact() ? " exact" : "") + (d.paired() ? " paired" : ""),
                    space.identification()));
        }
        int width = Math.max(5, shifts.stream().mapToInt(s -> s.value().length()).max().orElse(5));
        String format = "%-" + width + "s  %10s  %7s  %7s  %-30s  %-30s  %s%n";
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, format, "value", "mean score", "H", "p Holm", "supports (base > cand, p Holm)",
                "opposes (base > cand, p Holm)", "result"));
        for (ValueShift shift : shifts) {
            List<RateChange> changes = rates.stream().filter(r -> r.value().equals(shift.value())).toList();
            boolean changed = changes.stream().anyMatch(RateChange::significant);
            String result = shift.significant() && changed ? "SHIFTED, RATES CHANGED" : shift.significant() ? "SHIFTED"
                    : changed ? "RATES CHANGED" : "unchanged";
            out.append(String.format(Locale.ROOT, format, shift.value(), String.format(Locale.ROOT, "%+.3f", shift.meanChange()),
                    String.format(Locale.ROOT, "%.4f", shift.distance().coefficient()),
                    String.format(Locale.ROOT, "%.4f", shift.adjustedPValue()), cell(changes, Label.SUPPORTS),
                    cell(changes, Label.OPPOSES), result));
        }
        return out.toString();
    }

    private static String cell(List<RateChange> changes, Label label) {
        return changes.stream().filter(r -> r.label() == label).findFirst()
                .map(r -> String.format(Locale.ROOT, "%.3f > %.3f  %.4f", r.baselineRate(), r.candidateRate(), r.adjustedPValue()))
                .orElse("-");
    }

    @Override
    public String toString() {
        return summary();
    }
}
