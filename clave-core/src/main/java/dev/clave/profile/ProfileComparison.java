package dev.clave.profile;

import dev.clave.data.Label;
import dev.clave.stats.EnergyDistance;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notNull;

/**
 * What a {@link ProfileComparator} found between a baseline profile and a candidate's: whether the answers moved, in
 * which space, how far, and on which values.
 * <ul>
 *   <li>{@link #embedding()}: the energy distance between the two sets of answer embeddings with its permutation
 *   p-value, and source identification; only when both profiles were embedded by the same encoder (else null).</li>
 *   <li>{@link #values()}: the same in value space (per value, P(supports) - P(opposes)), which is comparable across
 *   languages.</li>
 *   <li>{@link #rates()}: per value, the change of the {@code supports} and {@code opposes} rates, exact McNemar test
 *   on the paired questions with Holm's correction; empty when the profiles did not answer the same questions.</li>
 * </ul>
 * {@link #primary()} is the embedding comparison when there is one, else the value comparison; a profile
 * {@link #drifted() drifted} when its primary distance is significant at {@link #alpha()}.
 *
 * @param baseline  the baseline profile
 * @param candidate the candidate profile
 * @param paired    whether the answers were paired by question
 * @param alpha     the significance level
 * @param embedding the comparison of the embeddings, or null when the encoders differ
 * @param values    the comparison of the value vectors
 * @param rates     the rate changes per value and label (supports, opposes), in the value system's order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileComparison(ModelProfile baseline, ModelProfile candidate, boolean paired, double alpha,
                                @Nullable SpaceComparison embedding, SpaceComparison values, List<RateChange> rates) {

    public ProfileComparison {
        notNull(baseline, "baseline");
        notNull(candidate, "candidate");
        notNull(values, "values");
        rates = List.copyOf(notNull(rates, "rates"));
    }

    /** The comparison whose distance decides drift: the embeddings' when comparable, else the value vectors'. */
    public SpaceComparison primary() {
        return embedding != null ? embedding : values;
    }

    /** The comparisons made: embeddings (when comparable), then values. */
    public List<SpaceComparison> spaces() {
        return embedding != null ? List.of(embedding, values) : List.of(values);
    }

    /** Whether the primary distance is significant at {@link #alpha()}. */
    public boolean drifted() {
        return primary().distance().significant(alpha);
    }

    /**
     * Whether the answers drifted by more than {@code tolerance}: the primary distance is significant and its energy
     * coefficient H exceeds the tolerance. A tolerance of 0 counts any significant drift.
     */
    public boolean driftedBeyond(double tolerance) {
        return drifted() && primary().distance().coefficient() > tolerance;
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
     * One line, e.g. {@code assistant-v2 [en] vs assistant-v1 [en]: DRIFTED (embeddings: H 0.031, p = 0.001);
     * source identification 0.621 [...]; rates changed on benevolence}.
     */
    public String summary() {
        SpaceComparison primary = primary();
        EnergyDistance d = primary.distance();
        String rateText = !paired ? "rates not compared (the profiles answered different questions)"
                : changedValues().isEmpty() ? "no rate changed" : "rates changed on " + String.join(", ", changedValues());
        return String.format(Locale.ROOT, "%s vs %s: %s (%s: H %.4f, p = %.4g); source identification %s; %s",
                candidate.name(), baseline.name(), drifted() ? "DRIFTED" : "no drift", primary.description(),
                d.coefficient(), d.pValue(), primary.identification(), rateText);
    }

    /**
     * The tables a CI log shows: one line per space, then one line per value with its rate changes.
     * <pre>
     * space                          energy distance  H       p        permutations   source identification
     * embeddings (all-minilm-l6-v2-q)    0.01234      0.0210  0.0010   999 paired     0.621 [0.500, 0.729] (41/66 questions, 10 folds)
     *
     * value        supports: base  cand  p Holm   opposes: base  cand  p Holm   result
     * benevolence  0.197  0.091  0.0742          0.015  0.136  0.0117          CHANGED
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
        if (rates.isEmpty()) {
            return out.toString();
        }
        List<String> valueIds = rates.stream().map(RateChange::value).distinct().toList();
        int width = Math.max(5, valueIds.stream().mapToInt(String::length).max().orElse(5));
        String format = "%-" + width + "s  %-28s  %-28s  %s%n";
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, format, "value", "supports (base > cand, p Holm)",
                "opposes (base > cand, p Holm)", "result"));
        for (String value : valueIds) {
            List<RateChange> changes = rates.stream().filter(r -> r.value().equals(value)).toList();
            out.append(String.format(Locale.ROOT, format, value, cell(changes, Label.SUPPORTS),
                    cell(changes, Label.OPPOSES),
                    changes.stream().anyMatch(RateChange::significant) ? "CHANGED" : "unchanged"));
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
