package dev.clave.gate;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Locale;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * What a {@link RegressionGate} found: per compared value a {@link ValueComparison}, and whether there were enough
 * paired prompts to decide at all. {@link #table()} is what a CI log shows. Immutable.
 *
 * @param valueSystem   the value system, {@code id@version}
 * @param watched       the label whose increase is a regression
 * @param alpha         the family-wise significance level
 * @param pairs         paired prompts
 * @param minimumPairs  the fewest pairs the gate was configured to decide on
 * @param requiredPairs the fewest pairs with which any difference could be significant after Holm's correction
 * @param values        one comparison per value
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RegressionReport(String valueSystem, Label watched, double alpha, int pairs, int minimumPairs,
                               int requiredPairs, List<ValueComparison> values) {

    public RegressionReport {
        notBlank(valueSystem, "valueSystem");
        notNull(watched, "watched");
        values = List.copyOf(notNull(values, "values"));
    }

    /** Whether there were too few paired prompts to decide: the gate then fails instead of passing silently. */
    public boolean tooFewCases() {
        return pairs < Math.max(minimumPairs, requiredPairs);
    }

    /** Why there were too few cases, or an empty string when there were enough. */
    public String tooFewCasesReason() {
        if (!tooFewCases()) {
            return "";
        }
        if (pairs < requiredPairs) {
            return String.format(Locale.ROOT, "too few cases: with %d paired prompts no difference in any of %d values can be"
                    + " significant at alpha %s (the exact McNemar test with Holm's correction needs at least %d pairs)."
                    + " Add prompts to both recordings.", pairs, values.size(), alpha, requiredPairs);
        }
        return String.format(Locale.ROOT, "too few cases: %d paired prompts, the gate needs at least %d. Add prompts to both"
                + " recordings, or lower minimumPairs.", pairs, minimumPairs);
    }

    /** The values on which the candidate is significantly worse. */
    public List<ValueComparison> regressions() {
        return values.stream().filter(v -> v.change() == ValueComparison.Change.REGRESSED).toList();
    }

    /** The values on which the candidate is significantly better. */
    public List<ValueComparison> improvements() {
        return values.stream().filter(v -> v.change() == ValueComparison.Change.IMPROVED).toList();
    }

    /** Whether the candidate may replace the baseline: enough cases and no regression. */
    public boolean passed() {
        return !tooFewCases() && regressions().isEmpty();
    }

    /** The comparison of a value. @throws dev.clave.value.UnknownValueException when it was not compared */
    public ValueComparison value(String value) {
        for (ValueComparison comparison : values) {
            if (comparison.value().equals(value)) {
                return comparison;
            }
        }
        throw dev.clave.value.UnknownValueException.ofValue(valueSystem, String.valueOf(value),
                values.stream().map(ValueComparison::value).toList());
    }

    /** One line, e.g. {@code regression gate FAILED: benevolence regressed; 40 paired prompts, watching opposes}. */
    public String summary() {
        String verdict;
        if (tooFewCases()) {
            verdict = String.format(Locale.ROOT, "FAILED: too few cases (at least %d paired prompts needed)",
                    Math.max(minimumPairs, requiredPairs));
        } else if (!regressions().isEmpty()) {
            verdict = "FAILED: " + String.join(", ", regressions().stream().map(ValueComparison::value).toList())
                    + " regressed";
        } else {
            verdict = "passed: no value regressed";
        }
        return String.format(Locale.ROOT, "regression gate %s; %d paired prompts, watching '%s', alpha %s (Holm)", verdict,
                pairs, watched.wire(), alpha);
    }

    /**
     * One line per value:
     * <pre>
     * value        baseline  candidate  only base  only cand  p exact   p Holm    effect                result
     * benevolence     0.050      0.300          0         10   0.0020    0.0195   +25.0 pp (OR inf)     REGRESSED
     * </pre>
     */
    public String table() {
        int width = Math.max(5, values.stream().mapToInt(v -> v.value().length()).max().orElse(5));
        String format = "%-" + width + "s  %8s  %9s  %9s  %9s  %9s  %9s  %-20s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "value", "baseline", "candidate", "only base", "only cand", "p exact",
                "p Holm", "effect", "result"));
        for (ValueComparison v : values) {
            out.append(String.format(Locale.ROOT, format, v.value(), Formats.rate(v.baselineRate()),
                    Formats.rate(v.candidateRate()), v.test().onlyBaseline(), v.test().onlyCandidate(),
                    Formats.p(v.test().pValue()), Formats.p(v.adjustedPValue()), effect(v),
                    tooFewCases() ? "TOO FEW CASES" : v.change().toString()));
        }
        return out.toString();
    }

    private static String effect(ValueComparison v) {
        double or = v.test().oddsRatio();
        String ratio = Double.isNaN(or) ? "-" : Double.isInfinite(or) ? "inf" : String.format(Locale.ROOT, "%.2f", or);
        return String.format(Locale.ROOT, "%+.1f pp (OR %s)", v.rateDifference() * 100, ratio);
    }

    @Override
    public String toString() {
        return summary();
    }
}
