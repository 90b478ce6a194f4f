package dev.clave.probe;

import dev.clave.stats.Bootstrap;
import dev.clave.stats.BootstrapInterval;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.stats.WilsonInterval;
import dev.clave.value.UnknownValueException;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notEmpty;
import static dev.clave.internal.Preconditions.notNull;

/**
 * What a {@link ValueUnderstandingProbe} found out about one model on one item set: every know-what answer and, when
 * know-why ran, every explanation with its scores; and from them the discriminator score, the critique score and
 * their gap, per value and over all items ({@link UnderstandingFigures}), and the confusion matrix of the answers that
 * had a letter.
 *
 * <p>The gap follows VUM, Value Understanding Measurement (Zhang et al., "Measuring Value Understanding in Language
 * Models through Discriminator-Critique Gap", 2023): the model's ability to tell whether a text reflects a value
 * ("know what") minus its ability to explain why ("know why"). Its interval is a percentile bootstrap over the items
 * (seeded, so reproducible).
 *
 * <p>Immutable and thread-safe; the figures are computed when it is made.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ValueUnderstanding {

    private final String model;
    private final ValueSystem valueSystem;
    private final List<KnowWhatAnswer> knowWhat;
    private final List<KnowWhyAnswer> knowWhy;
    private final @Nullable String judge;
    private final Bootstrap bootstrap;
    private final UnderstandingFigures overall;
    private final List<UnderstandingFigures> values;

    private ValueUnderstanding(String model, ValueSystem valueSystem, List<KnowWhatAnswer> knowWhat,
                               List<KnowWhyAnswer> knowWhy, @Nullable String judge, Bootstrap bootstrap) {
        this.model = notBlank(model, "model");
        this.valueSystem = notNull(valueSystem, "valueSystem");
        this.knowWhat = List.copyOf(notEmpty(knowWhat, "know-what answers"));
        this.knowWhy = List.copyOf(notNull(knowWhy, "know-why answers"));
        this.judge = judge;
        this.bootstrap = notNull(bootstrap, "bootstrap");
        if (!this.knowWhy.isEmpty()) {
            if (this.knowWhy.size() != this.knowWhat.size()) {
                throw new IllegalArgumentException("know-why answers must be given for the " + knowWhat.size()
                        + " know-what items, but are given for: " + knowWhy.size());
            }
            for (int i = 0; i < knowWhat.size(); i++) {
                if (!knowWhat.get(i).item().equals(knowWhy.get(i).item())) {
                    throw new IllegalArgumentException("know-why answer " + i + " is about another item than know-what answer "
                            + i + ": " + knowWhy.get(i).item().text());
                }
            }
            notBlank(judge, "judge");
        }
        for (KnowWhatAnswer answer : this.knowWhat) {
            valueSystem.value(answer.item().value());
        }
        List<Integer> all = new ArrayList<>();
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> byValue.put(v, new ArrayList<>()));
        for (int i = 0; i < this.knowWhat.size(); i++) {
            all.add(i);
            byValue.get(this.knowWhat.get(i).item().value()).add(i);
        }
        this.overall = figures(null, all);
        List<UnderstandingFigures> perValue = new ArrayList<>();
        byValue.forEach((value, indices) -> {
            if (!indices.isEmpty()) {
                perValue.add(figures(value, indices));
            }
        });
        this.values = List.copyOf(perValue);
    }

    /** The result of know-what alone. */
    public static ValueUnderstanding knowWhat(String model, ValueSystem valueSystem, List<KnowWhatAnswer> knowWhat,
                                              Bootstrap bootstrap) {
        return new ValueUnderstanding(model, valueSystem, knowWhat, List.of(), null, bootstrap);
    }

    /**
     * The result of know-what and know-why on the same items, in the same order.
     *
     * @throws IllegalArgumentException when the know-why answers are not about the know-what items, in order
     */
    public static ValueUnderstanding of(String model, ValueSystem valueSystem, List<KnowWhatAnswer> knowWhat,
                                        List<KnowWhyAnswer> knowWhy, String judge, Bootstrap bootstrap) {
        return new ValueUnderstanding(model, valueSystem, knowWhat, notEmpty(knowWhy, "know-why answers"), judge, bootstrap);
    }

    private UnderstandingFigures figures(@Nullable String value, List<Integer> indices) {
        int n = indices.size();
        int correct = 0;
        int wrong = 0;
        for (int i : indices) {
            switch (knowWhat.get(i).outcome()) {
                case CORRECT -> correct++;
                case WRONG -> wrong++;
                default -> { }
            }
        }
        WilsonInterval discriminator = WilsonInterval.of(correct, n, bootstrap.confidence());
        if (knowWhy.isEmpty()) {
            return new UnderstandingFigures(value, n, correct, wrong, n - correct - wrong, discriminator, 0, 0,
                    Double.NaN, Double.NaN, Double.NaN, null, null);
        }
        int scored = 0;
        double[] parts = new double[3];
        double[] score = new double[n];
        boolean[] hit = new boolean[n];
        double[] right = new double[n];
        for (int k = 0; k < n; k++) {
            int i = indices.get(k);
            right[k] = knowWhat.get(i).outcome() == KnowWhatAnswer.Outcome.CORRECT ? 1 : 0;
            CritiqueScores scores = knowWhy.get(i).scores();
            if (scores != null) {
                scored++;
                hit[k] = true;
                score[k] = scores.score();
                parts[0] += scores.score(CritiqueScores.Part.ATTRIBUTION);
                parts[1] += scores.score(CritiqueScores.Part.COUNTERFACTUAL);
                parts[2] += scores.score(CritiqueScores.Part.REBUTTAL);
            }
        }
        BootstrapInterval critique = bootstrap.interval(n, draw -> critique(draw, score, hit));
        BootstrapInterval gap = bootstrap.interval(n, draw -> {
            double sum = 0;
            for (int k : draw) {
                sum += right[k];
            }
            return sum / draw.length - critique(draw, score, hit);
        });
        double denominator = scored == 0 ? Double.NaN : scored;
        return new UnderstandingFigures(value, n, correct, wrong, n - correct - wrong, discriminator, scored, n - scored,
                parts[0] / denominator, parts[1] / denominator, parts[2] / denominator, critique, gap);
    }

    private static double critique(int[] draw, double[] score, boolean[] hit) {
        double sum = 0;
        int count = 0;
        for (int k : draw) {
            if (hit[k]) {
                sum += score[k];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The id of the model probed. */
    public String model() {
        return model;
    }

    /** The value system of the items, as {@code id@version}. */
    public String valueSystem() {
        return valueSystem.qualifiedId();
    }

    /** The id of the judge that scored the explanations, when know-why ran. */
    public Optional<String> judge() {
        return Optional.ofNullable(judge);
    }

    /** Whether know-why ran (explanations scored by a judge), so that critique and gap exist. */
    public boolean hasKnowWhy() {
        return !knowWhy.isEmpty();
    }

    /** The know-what answers, in item order. */
    public List<KnowWhatAnswer> knowWhat() {
        return knowWhat;
    }

    /** The know-why answers, in item order; empty when know-why did not run. */
    public List<KnowWhyAnswer> knowWhy() {
        return knowWhy;
    }

    /** How the intervals of critique and gap were drawn; its confidence is also the Wilson intervals'. */
    public Bootstrap bootstrap() {
        return bootstrap;
    }

    /** The figures over all items. */
    public UnderstandingFigures overall() {
        return overall;
    }

    /** The figures per value that has items, in the value system's order. */
    public List<UnderstandingFigures> values() {
        return values;
    }

    /**
     * The figures of one value.
     *
     * @throws UnknownValueException listing the values that have items, when this one has none
     */
    public UnderstandingFigures value(String value) {
        for (UnderstandingFigures figures : values) {
            if (figures.value().equals(value)) {
                return figures;
            }
        }
        throw new UnknownValueException("value", String.valueOf(value), "with items in this probe of " + valueSystem.qualifiedId(),
                values.stream().map(UnderstandingFigures::value).toList());
    }

    /** The figures of a value, or the overall ones for null. */
    public UnderstandingFigures figures(@Nullable String value) {
        return value == null ? overall : value(value);
    }

    /** Gold label against the label of the answer letter, over the answers that had one. */
    public ConfusionMatrix confusion() {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (KnowWhatAnswer answer : knowWhat) {
            answer.prediction().ifPresent(p -> matrix.add(answer.item().label(), p));
        }
        return matrix;
    }

    /** The answers of one outcome, e.g. the unparseable ones, in item order. */
    public List<KnowWhatAnswer> answers(KnowWhatAnswer.Outcome outcome) {
        return knowWhat.stream().filter(a -> a.outcome() == outcome).toList();
    }

    /** The explanations the judge could not score, in item order. */
    public List<KnowWhyAnswer> unscored() {
        return knowWhy.stream().filter(a -> a.scores() == null).toList();
    }

    /** One line: the model, the item count and the overall figures. */
    public String summary() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s on %d items of %s: discriminator %s", model,
                overall.items(), valueSystem.qualifiedId(), rate(overall.discriminator())));
        if (hasKnowWhy()) {
            out.append(String.format(Locale.ROOT, ", critique %s, gap %s", interval(overall.critique(), false),
                    interval(overall.gap(), true)));
        }
        out.append(String.format(Locale.ROOT, " (%d unparseable answer%s", overall.unparseable(), overall.unparseable() == 1 ? "" : "s"));
        if (hasKnowWhy()) {
            out.append(String.format(Locale.ROOT, ", %d unscored explanation%s, judge %s", overall.unscored(),
                    overall.unscored() == 1 ? "" : "s", judge));
        }
        return out.append(')').toString();
    }

    /** A table: per value and overall, the counts, the discriminator score and, with know-why, critique and gap. */
    public String table() {
        int width = Math.max(7, values.stream().mapToInt(f -> f.value().length()).max().orElse(7));
        StringBuilder out = new StringBuilder();
        String head = "%-" + width + "s  %5s  %7s  %5s  %11s  %-22s";
        out.append(String.format(Locale.ROOT, head, "value", "items", "correct", "wrong", "unparseable", "discriminator"));
        if (hasKnowWhy()) {
            out.append(String.format(Locale.ROOT, "  %-22s  %5s  %5s  %5s  %-24s  %s", "critique", "attr", "cf", "reb", "gap",
                    "unscored"));
        }
        out.append('\n');
        List<UnderstandingFigures> rows = new ArrayList<>(values);
        rows.add(overall);
        for (UnderstandingFigures f : rows) {
            out.append(String.format(Locale.ROOT, head, f.value() == null ? "overall" : f.value(), f.items(), f.correct(),
                    f.wrong(), f.unparseable(), rate(f.discriminator())));
            if (hasKnowWhy()) {
                out.append(String.format(Locale.ROOT, "  %-22s  %5.3f  %5.3f  %5.3f  %-24s  %d", interval(f.critique(), false),
                        f.attribution(), f.counterfactual(), f.rebuttal(), interval(f.gap(), true), f.unscored()));
            }
            out.append('\n');
        }
        String lines = out.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
        out.setLength(0);
        out.append(lines);
        if (hasKnowWhy()) {
            out.append(String.format(Locale.ROOT, "intervals: Wilson (discriminator), percentile bootstrap over items (critique,"
                    + " gap), %s, %d resamples, seed %d%n", pct(bootstrap.confidence()), bootstrap.resamples(), bootstrap.seed()));
        } else {
            out.append(String.format(Locale.ROOT, "intervals: Wilson, %s%n", pct(bootstrap.confidence())));
        }
        return out.toString();
    }

    private static String rate(WilsonInterval interval) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", interval.rate(), interval.lower(), interval.upper());
    }

    private static String interval(@Nullable BootstrapInterval interval, boolean signed) {
        if (interval == null || Double.isNaN(interval.estimate())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, signed ? "%+.3f [%+.3f, %+.3f]" : "%.3f [%.3f, %.3f]", interval.estimate(),
                interval.lower(), interval.upper());
    }

    private static String pct(double confidence) {
        double value = confidence * 100;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
                + "%";
    }

    @Override
    public String toString() {
        return "ValueUnderstanding[" + summary() + "]";
    }
}
