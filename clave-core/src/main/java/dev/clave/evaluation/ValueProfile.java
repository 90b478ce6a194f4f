package dev.clave.evaluation;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.stats.WilsonInterval;
import dev.clave.value.UnknownValueException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.clave.internal.Preconditions.atLeast;
import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * How a model relates to each value over many texts: per value, how many evaluations labelled it
 * {@code supports}, {@code opposes} and {@code unrelated}. Gates and reports work on profiles; a profile of a few
 * dozen answers says more about a model than any single answer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param valueSystem the value system, as {@code id@version}
 * @param evaluations the number of evaluations counted
 * @param values      the counts per value, in the value system's order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ValueProfile(String valueSystem, int evaluations, List<ValueCounts> values) {

    public ValueProfile {
        notBlank(valueSystem, "valueSystem");
        atLeast(evaluations, 0, "evaluations");
        values = List.copyOf(notNull(values, "values"));
        for (ValueCounts counts : values) {
            if (counts.total() != evaluations) {
                throw new IllegalArgumentException("counts of value '" + counts.value() + "' must add up to " + evaluations
                        + " evaluations, but add up to: " + counts.total());
            }
        }
    }

    /**
     * Label counts of one value.
     *
     * @param value     the value id
     * @param supports  evaluations labelling the value {@code supports}
     * @param opposes   evaluations labelling it {@code opposes}
     * @param unrelated evaluations labelling it {@code unrelated}
     */
    public record ValueCounts(String value, int supports, int opposes, int unrelated) {

        public ValueCounts {
            notBlank(value, "value");
            atLeast(supports, 0, "supports");
            atLeast(opposes, 0, "opposes");
            atLeast(unrelated, 0, "unrelated");
        }

        /** The number of evaluations. */
        public int total() {
            return supports + opposes + unrelated;
        }

        /** The count of a label. */
        public int count(Label label) {
            return switch (label) {
                case SUPPORTS -> supports;
                case OPPOSES -> opposes;
                case UNRELATED -> unrelated;
            };
        }

        /** The share of evaluations with that label, or {@code NaN} when there are none. */
        public double rate(Label label) {
            return total() == 0 ? Double.NaN : (double) count(label) / total();
        }

        /** The Wilson interval of that label's rate at a two-sided confidence level. */
        public WilsonInterval interval(Label label, double confidence) {
            return WilsonInterval.of(count(label), total(), confidence);
        }
    }

    /**
     * The profile of some evaluations.
     *
     * @throws ClaveInputException when there are none, or they come from different value systems
     */
    public static ValueProfile of(Collection<Evaluation> evaluations) {
        notNull(evaluations, "evaluations");
        if (evaluations.isEmpty()) {
            throw new ClaveInputException("A value profile needs at least one evaluation, but got none");
        }
        Evaluation first = evaluations.iterator().next();
        Map<String, int[]> counts = new LinkedHashMap<>();
        first.valueIds().forEach(v -> counts.put(v, new int[3]));
        for (Evaluation evaluation : evaluations) {
            if (!evaluation.valueSystem().equals(first.valueSystem()) || !evaluation.valueIds().equals(first.valueIds())) {
                throw new ClaveInputException("A value profile counts evaluations of one value system, but got "
                        + first.valueSystem() + " and " + evaluation.valueSystem());
            }
            for (ValueVerdict verdict : evaluation.verdicts()) {
                counts.get(verdict.value())[verdict.label().ordinal()]++;
            }
        }
        List<ValueCounts> values = new ArrayList<>(counts.size());
        counts.forEach((value, c) -> values.add(new ValueCounts(value, c[0], c[1], c[2])));
        return new ValueProfile(first.valueSystem(), evaluations.size(), values);
    }

    /** The value ids, in the value system's order. */
    public List<String> valueIds() {
        return values.stream().map(ValueCounts::value).toList();
    }

    /**
     * The counts of a value.
     *
     * @throws UnknownValueException listing the valid value ids when the profile has no such value
     */
    public ValueCounts counts(String value) {
        for (ValueCounts counts : values) {
            if (counts.value().equals(value)) {
                return counts;
            }
        }
        throw UnknownValueException.ofValue(valueSystem, String.valueOf(value), valueIds());
    }

    /** The share of evaluations that gave {@code value} the label {@code label}. */
    public double rate(String value, Label label) {
        return counts(value).rate(label);
    }

    /** The Wilson interval of that rate at a two-sided confidence level. */
    public WilsonInterval interval(String value, Label label, double confidence) {
        return counts(value).interval(label, confidence);
    }

    /** A table: per value the label counts and rates. */
    public String table() {
        int width = Math.max(5, values.stream().mapToInt(c -> c.value().length()).max().orElse(5));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %15s  %15s  %15s%n", "value", "supports", "opposes", "unrelated"));
        for (ValueCounts c : values) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %15s  %15s  %15s%n", c.value(), cell(c, Label.SUPPORTS),
                    cell(c, Label.OPPOSES), cell(c, Label.UNRELATED)));
        }
        return out.toString();
    }

    private static String cell(ValueCounts c, Label label) {
        return String.format(Locale.ROOT, "%d (%.3f)", c.count(label), c.rate(label));
    }

    @Override
    public String toString() {
        return "ValueProfile[" + valueSystem + ", " + evaluations + " evaluations]";
    }
}
