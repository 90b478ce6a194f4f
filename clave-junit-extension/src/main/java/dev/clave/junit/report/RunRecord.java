package dev.clave.junit.report;

import dev.clave.calibration.CalibrationReport;
import dev.clave.calibration.ValueQuality;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.event.CalibrationEvent;
import dev.clave.event.EvaluationEvent;
import dev.clave.event.GateEvent;
import dev.clave.event.RegressionEvent;
import dev.clave.event.UsageEvent;
import dev.clave.gate.RuleResult;
import dev.clave.gate.ValueComparison;
import dev.clave.gate.ValueRule;
import dev.clave.internal.Hashing;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one run (one test plan of one JVM) told the listeners, in the plain form the summary is computed from and
 * that several JVMs' records merge by: evaluations keyed by what they evaluated (the same answer evaluated twice by the
 * same calibration counts once), calibrations, gates, regression checks, usage and test outcomes. Thread-safe; the
 * {@link Data} it gives is sorted, so it does not depend on the order events arrived in.
 */
final class RunRecord {

    /** One evaluated answer: the key it is counted once by, and its label per value. */
    record EvaluationRow(String key, String valueSystem, String model, String calibrationId, List<String> values,
                         List<String> labels) {
    }

    /** One calibration's identity and cross-validated quality. */
    record CalibrationRow(String id, String valueSystem, String valueSystemName, String source, String extractor,
                          int samples, int folds, double accuracy, double macroF1, double kappa, List<ValueQualityRow> values) {
    }

    /** The cross-validated quality of one value. */
    record ValueQualityRow(String value, int samples, double accuracy, double macroF1) {
    }

    /** One rule of a value gate. */
    record RuleRow(String value, String label, String limit, double threshold, String action, double confidence,
                   int trials, int count, double rate, double lower, double upper, String verdict, String reason,
                   List<String> against) {
    }

    /** One value gate's decision. */
    record GateRow(String subject, String valueSystem, String outcome, String summary, int evaluations,
                   @Nullable String test, List<String> models, List<RuleRow> rules) {
    }

    /** One value of a regression comparison. */
    record ComparisonRow(String value, int pairs, int baselineCount, int candidateCount, int onlyBaseline,
                         int onlyCandidate, double pValue, double adjustedPValue, String change) {
    }

    /** One regression check. */
    record RegressionRow(String name, String valueSystem, String watched, double alpha, int pairs, String expectation,
                         boolean held, String outcome, String summary, String tooFewCases, List<String> models,
                         List<ComparisonRow> values) {
    }

    /** What the extraction cost, summed per extractor. */
    record UsageRow(String extractor, long cacheHits, long cacheMisses, long largeModelRequests, long inputTokens,
                    long outputTokens) {
    }

    /** Test outcomes. */
    record TestCounts(int passed, int failed, int aborted, int skipped) {
    }

    /** A record's content: plain, sorted, mergeable. */
    record Data(List<EvaluationRow> evaluations, List<CalibrationRow> calibrations, List<GateRow> gates,
                List<RegressionRow> regressions, List<UsageRow> usage, Map<String, String> valueSystemNames,
                TestCounts tests) {

        static final Data EMPTY = new Data(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                new TestCounts(0, 0, 0, 0));

        /** This and another record together: evaluations and calibrations counted once, usage and tests summed. */
        Data merge(Data other) {
            Map<String, EvaluationRow> evaluations = new TreeMap<>();
            this.evaluations.forEach(e -> evaluations.put(e.key(), e));
            other.evaluations.forEach(e -> evaluations.putIfAbsent(e.key(), e));
            Map<String, CalibrationRow> calibrations = new TreeMap<>();
            this.calibrations.forEach(c -> calibrations.put(c.id(), c));
            other.calibrations.forEach(c -> calibrations.putIfAbsent(c.id(), c));
            Map<String, GateRow> gates = new TreeMap<>();
            this.gates.forEach(g -> gates.put(g.subject() + "\u0000" + g.test(), g));
            other.gates.forEach(g -> gates.putIfAbsent(g.subject() + "\u0000" + g.test(), g));
            Map<String, RegressionRow> regressions = new TreeMap<>();
            this.regressions.forEach(r -> regressions.put(regressionKey(r), r));
            other.regressions.forEach(r -> regressions.putIfAbsent(regressionKey(r), r));
            Map<String, UsageRow> usage = new TreeMap<>();
            for (UsageRow row : concat(this.usage, other.usage)) {
                usage.merge(row.extractor(), row, (a, b) -> new UsageRow(a.extractor(), a.cacheHits() + b.cacheHits(),
                        a.cacheMisses() + b.cacheMisses(), a.largeModelRequests() + b.largeModelRequests(),
                        a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens()));
            }
            Map<String, String> names = new TreeMap<>(this.valueSystemNames);
            other.valueSystemNames.forEach(names::putIfAbsent);
            TestCounts tests = new TestCounts(this.tests.passed() + other.tests.passed(), this.tests.failed() + other.tests.failed(),
                    this.tests.aborted() + other.tests.aborted(), this.tests.skipped() + other.tests.skipped());
            return new Data(List.copyOf(evaluations.values()), List.copyOf(calibrations.values()), List.copyOf(gates.values()),
                    List.copyOf(regressions.values()), List.copyOf(usage.values()), names, tests);
        }

        private static String regressionKey(RegressionRow r) {
            return r.name() + "\u0000" + r.valueSystem() + "\u0000" + r.expectation() + "\u0000" + r.pairs() + "\u0000"
                    + r.values().stream().map(v -> v.value() + ":" + v.baselineCount() + ":" + v.candidateCount()).toList();
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    private final Map<String, EvaluationRow> evaluations = new ConcurrentHashMap<>();
    private final Map<String, CalibrationRow> calibrations = new ConcurrentHashMap<>();
    private final Map<String, GateRow> gates = new ConcurrentHashMap<>();
    private final Map<String, RegressionRow> regressions = new ConcurrentHashMap<>();
    private final Map<String, UsageRow> usage = new ConcurrentHashMap<>();
    private final Map<String, String> valueSystemNames = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> modelsOfTest = new ConcurrentHashMap<>();
    private final Map<Evaluation, String> modelOfEvaluation = new ConcurrentHashMap<>();
    private final int[] tests = new int[4];

    void evaluated(EvaluationEvent event) {
        Evaluation e = event.evaluation();
        String model = event.modelUnderTest().orElse("");
        String key = Hashing.sha256(e.valueSystem(), e.calibrationId(), model, e.scenario() == null ? "" : e.scenario(),
                e.text());
        evaluations.computeIfAbsent(key, k -> new EvaluationRow(k, e.valueSystem(), model, e.calibrationId(),
                e.valueIds(), e.verdicts().stream().map(v -> v.label().wire()).toList()));
        if (!model.isEmpty()) {
            modelOfEvaluation.putIfAbsent(e, model);
        }
        if (event.test() != null && !model.isEmpty()) {
            modelsOfTest.computeIfAbsent(event.test(), t -> ConcurrentHashMap.newKeySet()).add(model);
        }
    }

    void calibrationReady(CalibrationEvent event) {
        CalibrationReport r = event.report();
        valueSystemNames.put(event.valueSystem().qualifiedId(), event.valueSystem().name());
        calibrations.putIfAbsent(r.calibrationId(), new CalibrationRow(r.calibrationId(), r.valueSystem(),
                event.valueSystem().name(), relative(event.source()), event.extractor(), r.samples(), r.folds(), r.accuracy(),
                r.macroF1(), r.kappa(), r.perValue().stream().map(RunRecord::quality).toList()));
    }

    /** A path under the working directory, relative to it (so that summaries of two checkouts agree). */
    static String relative(String source) {
        String base = java.nio.file.Path.of("").toAbsolutePath().toString() + java.io.File.separator;
        return source.startsWith(base) ? source.substring(base.length()) : source;
    }

    private static ValueQualityRow quality(ValueQuality q) {
        return new ValueQualityRow(q.value(), q.samples(), q.accuracy(), q.macroF1());
    }

    void gateChecked(GateEvent event) {
        GateRow row = gateRow(event, modelOfEvaluation::get);
        gates.put(row.subject() + "\u0000" + row.test(), row);
    }

    /** A gate's decision as a row: every rule with the answers that counted against it. */
    static GateRow gateRow(GateEvent event, java.util.function.Function<Evaluation, @Nullable String> modelOf) {
        List<RuleRow> rules = new ArrayList<>();
        for (RuleResult result : event.report().results()) {
            rules.add(rule(result, against(result.rule(), event.evaluations())));
        }
        return new GateRow(event.subject(), event.report().profile().valueSystem(), event.report().outcome().name(),
                event.report().summary(), event.report().profile().evaluations(), event.test(),
                event.evaluations().stream().map(modelOf).filter(java.util.Objects::nonNull).distinct().sorted().toList(),
                List.copyOf(rules));
    }

    static RuleRow rule(RuleResult r, List<String> against) {
        ValueRule rule = r.rule();
        return new RuleRow(rule.value(), rule.label().wire(), rule.limit().symbol(), rule.threshold(), rule.action().wire(),
                rule.confidence(), r.interval().trials(), r.interval().successes(), r.interval().rate(), r.interval().lower(),
                r.interval().upper(), r.verdict(), r.reason(), against);
    }

    /** The ids (or texts) of the evaluations that count against a rule: they have the limited label, or lack the required one. */
    static List<String> against(ValueRule rule, List<Evaluation> evaluations) {
        return evaluations.stream().filter(e -> countsAgainst(rule, e)).map(RunRecord::name).sorted(Names.NATURAL).distinct().toList();
    }

    static boolean countsAgainst(ValueRule rule, Evaluation evaluation) {
        Label label = evaluation.valueIds().contains(rule.value()) ? evaluation.label(rule.value()) : null;
        if (label == null) {
            return false;
        }
        return rule.limit() == ValueRule.Limit.AT_MOST ? label == rule.label() : label != rule.label();
    }

    /** How an evaluation is named in reports: its id (the case id), else the start of its text. */
    static String name(Evaluation evaluation) {
        if (evaluation.id() != null && !evaluation.id().isBlank()) {
            return evaluation.id();
        }
        String text = evaluation.scenario() != null ? evaluation.scenario() : evaluation.text();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    void regressionChecked(RegressionEvent event) {
        List<String> models = event.test() == null ? List.of() : modelsOf(event.test());
        RegressionRow row = regressionRow(event, models);
        regressions.put(Data.regressionKey(row), row);
    }

    /** A regression check as a row. */
    static RegressionRow regressionRow(RegressionEvent event, List<String> models) {
        var report = event.report();
        List<ComparisonRow> values = new ArrayList<>();
        for (ValueComparison v : report.values()) {
            values.add(new ComparisonRow(v.value(), v.pairs(), v.baselineCount(), v.candidateCount(), v.test().onlyBaseline(),
                    v.test().onlyCandidate(), v.test().pValue(), v.adjustedPValue(),
                    report.tooFewCases() ? "TOO FEW CASES" : v.change().name()));
        }
        String name = event.test() == null ? "Regression gate" : Names.testName(event.test());
        return new RegressionRow(name, report.valueSystem(), report.watched().wire(), report.alpha(), report.pairs(),
                event.expectation().name(), event.held(), event.outcome(), report.summary(), report.tooFewCasesReason(),
                models, List.copyOf(values));
    }

    void usageReported(UsageEvent event) {
        UsageRow row = new UsageRow(event.extractor(),
                event.cacheStats().map(s -> s.hits()).orElse(0L), event.cacheStats().map(s -> s.misses()).orElse(0L),
                event.largeModelUsage().map(u -> u.requests()).orElse(0L),
                event.largeModelUsage().map(u -> u.inputTokens()).orElse(0L),
                event.largeModelUsage().map(u -> u.outputTokens()).orElse(0L));
        usage.merge(row.extractor(), row, (a, b) -> new UsageRow(a.extractor(), a.cacheHits() + b.cacheHits(),
                a.cacheMisses() + b.cacheMisses(), a.largeModelRequests() + b.largeModelRequests(),
                a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens()));
    }

    /** Counts a finished test: 0 passed, 1 failed, 2 aborted, 3 skipped. */
    void testFinished(int outcome) {
        synchronized (tests) {
            tests[outcome]++;
        }
    }

    /** The models that answered in a test, sorted. */
    List<String> modelsOf(String test) {
        return modelsOfTest.getOrDefault(test, Set.of()).stream().sorted().toList();
    }

    /** The record's content, sorted. */
    Data data() {
        TestCounts counts;
        synchronized (tests) {
            counts = new TestCounts(tests[0], tests[1], tests[2], tests[3]);
        }
        return new Data(sorted(evaluations.values(), Comparator.comparing(EvaluationRow::key)),
                sorted(calibrations.values(), Comparator.comparing(CalibrationRow::id)),
                sorted(gates.values(), Comparator.comparing(g -> g.subject() + "\u0000" + g.test())),
                sorted(regressions.values(), Comparator.comparing(Data::regressionKey)),
                sorted(usage.values(), Comparator.comparing(UsageRow::extractor)),
                new TreeMap<>(valueSystemNames), counts);
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }
}
