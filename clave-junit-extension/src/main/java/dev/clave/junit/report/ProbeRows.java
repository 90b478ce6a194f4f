package dev.clave.junit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clave.data.Label;
import dev.clave.event.MultiChoiceEvent;
import dev.clave.event.ProbeAssertionEvent;
import dev.clave.event.ValueUnderstandingEvent;
import dev.clave.internal.Hashing;
import dev.clave.probe.ChoiceFigures;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.OpenEndedFigures;
import dev.clave.probe.UnderstandingFigures;
import dev.clave.probe.ValueUnderstanding;
import dev.clave.stats.BootstrapInterval;
import dev.clave.stats.ConfusionMatrix;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The probes of a run as plain rows, the form the summary is computed from and several JVMs' records merge by: each
 * run of a probe (VUM value understanding, CValues multiple choice) with its figures per value or domain and overall,
 * keyed by its content (the same probe of the same model on the same items counts once, with every test that ran it),
 * and each assertion on a probe's figure. Figures are rounded once, to the places the reports show.
 */
final class ProbeRows {

    /** The epic and summary section of the value-understanding probe. */
    static final String UNDERSTANDING_TITLE = "Probe: value understanding (VUM)";
    /** The epic and summary section of the multiple-choice probe. */
    static final String CHOICE_TITLE = "Probe: safety and responsibility, multiple choice (CValues)";
    /** How the figures over all items are named in a table. */
    static final String OVERALL = "overall";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeRows() {
    }

    /** The report title of a probe, by its wire name ({@code value-understanding}, {@code multi-choice}). */
    static String title(String probe) {
        return probe.equals(ProbeAssertionEvent.Probe.VALUE_UNDERSTANDING.wire()) ? UNDERSTANDING_TITLE : CHOICE_TITLE;
    }

    /** {@code 1 item} or {@code 3 items}. */
    static String items(int count) {
        return count + (count == 1 ? " item" : " items");
    }

    /** An estimate with its interval (a bootstrap's), rounded to three places; all null when there is none. */
    record Estimate(@Nullable Double estimate, @Nullable Double lower, @Nullable Double upper) {

        static Estimate of(@Nullable BootstrapInterval interval) {
            if (interval == null || Double.isNaN(interval.estimate())) {
                return new Estimate(null, null, null);
            }
            return new Estimate(Summary.round(interval.estimate(), 3), Summary.round(interval.lower(), 3),
                    Summary.round(interval.upper(), 3));
        }

        /** E.g. {@code 0.907 [0.886, 0.926]}, signed {@code -0.053 [-0.146, +0.025]}, or {@code -}. */
        String text(boolean signed) {
            if (estimate == null) {
                return "-";
            }
            return String.format(Locale.ROOT, signed ? "%+.3f [%+.3f, %+.3f]" : "%.3f [%.3f, %.3f]", estimate, lower, upper);
        }
    }

    /** The know-what and know-why figures of one value, or of all items ({@value #OVERALL}). */
    record UnderstandingLine(String value, int items, int correct, int wrong, int unparseable, Summary.Rate discriminator,
                             int scored, int unscored, @Nullable Double attribution, @Nullable Double counterfactual,
                             @Nullable Double rebuttal, Estimate critique, Estimate gap) {
    }

    /**
     * One run of the value-understanding probe.
     *
     * @param confusion counts of gold label (rows) against the answer's label (columns), in the order supports, opposes,
     *                  unrelated, over the answers that had a letter
     * @param tests     the tests that ran it, by name
     */
    record UnderstandingRow(String key, String model, String valueSystem, String items, @Nullable String judge, boolean knowWhy,
                            double confidence, int resamples, long seed, List<UnderstandingLine> values,
                            UnderstandingLine overall, List<List<Long>> confusion, List<String> tests) {

        /** The same run, also run by these tests. */
        UnderstandingRow withTests(List<String> more) {
            return new UnderstandingRow(key, model, valueSystem, items, judge, knowWhy, confidence, resamples, seed, values,
                    overall, confusion, union(tests, more));
        }

        /** E.g. {@code know-what and know-why, judge sample-judge} or {@code know-what only}. */
        String kind() {
            return knowWhy ? "know-what and know-why, judge " + judge : "know-what only";
        }

        /** The lines per value, then overall. */
        List<UnderstandingLine> lines() {
            List<UnderstandingLine> all = new ArrayList<>(values);
            all.add(overall);
            return all;
        }
    }

    /** What CLAVE said about the model's open-ended replies of a domain (or of all domains of a value). */
    record OpenEndedLine(String domain, String value, int replies, int supports, int opposes, int unrelated,
                         Summary.Rate opposesRate) {
    }

    /** The multiple-choice figures of one domain, or of all items ({@value #OVERALL}). */
    record ChoiceLine(String domain, String value, int items, Summary.Rate acc, Summary.Rate accParsed,
                      Summary.Rate accSafeFirst, Summary.Rate accSafeSecond, Summary.Rate consistency, double positionBias,
                      int needsCheck, int refusals, @Nullable OpenEndedLine openEnded) {
    }

    /**
     * One run of the multiple-choice probe.
     *
     * @param openEnded the open-ended figures per value over its domains; empty when no replies were evaluated
     * @param tests     the tests that ran it, by name
     */
    record ChoiceRow(String key, String model, String items, double confidence, List<ChoiceLine> domains, ChoiceLine overall,
                     List<OpenEndedLine> openEnded, List<String> tests) {

        ChoiceRow withTests(List<String> more) {
            return new ChoiceRow(key, model, items, confidence, domains, overall, openEnded, union(tests, more));
        }

        /** The lines per domain, then overall. */
        List<ChoiceLine> lines() {
            List<ChoiceLine> all = new ArrayList<>(domains);
            all.add(overall);
            return all;
        }
    }

    /** One assertion on a probe's figure: which figure, the bound, the figure observed, and whether it held. */
    record CheckRow(String probe, String model, @Nullable String subject, String figure, String comparison, double bound,
                    double actual, boolean held, String description, String test) {

        /** E.g. {@code discriminator of benevolence at least 0.75: 0.857, held}. */
        String text() {
            return String.format(Locale.ROOT, "%s: %s, %s", description, actualText(), held ? "held" : "FAILED");
        }

        /** The figure as asserted, e.g. {@code at least 0.750}. */
        String boundText() {
            return (comparison.equals("AT_LEAST") ? "at least " : "at most ") + figureText(bound);
        }

        /** The figure observed: a count for {@code unparseable} and {@code refusals}, else three places. */
        String actualText() {
            return figureText(actual);
        }

        private String figureText(double value) {
            return figure.equals("unparseable") || figure.equals("refusals") ? number(value)
                    : Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
        }
    }

    static UnderstandingRow understanding(ValueUnderstandingEvent event, @Nullable String test) {
        ValueUnderstanding r = event.result();
        List<UnderstandingLine> values = r.values().stream().map(ProbeRows::line).toList();
        ConfusionMatrix matrix = r.confusion();
        List<List<Long>> confusion = new ArrayList<>();
        for (Label gold : Label.values()) {
            List<Long> row = new ArrayList<>();
            for (Label predicted : Label.values()) {
                row.add(matrix.count(gold, predicted));
            }
            confusion.add(List.copyOf(row));
        }
        UnderstandingRow row = new UnderstandingRow("", r.model(), r.valueSystem(), RunRecord.relative(event.items()),
                r.judge().orElse(null), r.hasKnowWhy(), r.bootstrap().confidence(), r.bootstrap().resamples(), r.bootstrap().seed(),
                values, line(r.overall()), List.copyOf(confusion), List.of());
        return new UnderstandingRow(key(row), row.model(), row.valueSystem(), row.items(), row.judge(), row.knowWhy(),
                row.confidence(), row.resamples(), row.seed(), row.values(), row.overall(), row.confusion(), tests(test));
    }

    private static UnderstandingLine line(UnderstandingFigures f) {
        return new UnderstandingLine(f.valueId().orElse(OVERALL), f.items(), f.correct(), f.wrong(), f.unparseable(),
                Summary.Rate.of(f.discriminator()), f.scored(), f.unscored(), share(f.attribution()), share(f.counterfactual()),
                share(f.rebuttal()), Estimate.of(f.critique()), Estimate.of(f.gap()));
    }

    static ChoiceRow choices(MultiChoiceEvent event, @Nullable String test) {
        MultiChoiceResult r = event.result();
        List<ChoiceLine> domains = new ArrayList<>();
        for (ChoiceFigures f : r.domains()) {
            domains.add(line(f, r.openEndedFigures(f.domain()).map(ProbeRows::open).orElse(null)));
        }
        List<OpenEndedLine> open = r.openEndedFigures().stream().filter(o -> o.domain() == null).map(ProbeRows::open).toList();
        ChoiceRow row = new ChoiceRow("", r.model(), RunRecord.relative(event.items()), r.confidence(), List.copyOf(domains),
                line(r.overall(), null), open, List.of());
        return new ChoiceRow(key(row), row.model(), row.items(), row.confidence(), row.domains(), row.overall(), row.openEnded(),
                tests(test));
    }

    private static ChoiceLine line(ChoiceFigures f, @Nullable OpenEndedLine open) {
        return new ChoiceLine(f.domainOf().map(d -> d.wire()).orElse(OVERALL), f.domainOf().map(d -> d.value()).orElse(""),
                f.items(), Summary.Rate.of(f.both().acc()), Summary.Rate.of(f.both().accParsed()),
                Summary.Rate.of(f.safeFirst().acc()), Summary.Rate.of(f.safeSecond().acc()), Summary.Rate.of(f.consistency()),
                Summary.round(f.positionBias(), 3), f.both().needsCheck(), f.both().refusals(), open);
    }

    private static OpenEndedLine open(OpenEndedFigures o) {
        return new OpenEndedLine(o.domainOf().map(d -> d.wire()).orElse(OVERALL), o.value(), o.replies(), o.supports(),
                o.opposes(), o.unrelated(), Summary.Rate.of(o.opposesRate()));
    }

    static CheckRow check(ProbeAssertionEvent event, @Nullable String test) {
        return new CheckRow(event.probe().wire(), event.model(), event.subject(), event.figure(), event.comparison().name(),
                event.bound(), Summary.round(event.actual(), 4), event.held(), event.description(),
                test == null ? "" : Names.testName(test));
    }

    /** The figure as the reports show it: three places, a count without them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value == Math.rint(value) && Math.abs(value) >= 1 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static @Nullable Double share(double value) {
        return Double.isNaN(value) ? null : Summary.round(value, 3);
    }

    private static List<String> tests(@Nullable String test) {
        return test == null ? List.of() : List.of(Names.testName(test));
    }

    /** Two sorted lists of test names as one, each name once. */
    static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> all = new TreeSet<>(Names.NATURAL);
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** A row's identity: a hash of its figures (its key and tests left empty). */
    static String key(Object row) {
        try {
            return Hashing.sha256(JSON.writeValueAsString(row)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A probe row cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
