package dev.clave.junit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clave.stats.WilsonInterval;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of a run for a QA team, computed from a {@link RunRecord.Data}: per value system its calibrations and,
 * per model under test, each value's supports/opposes/unrelated rates with 95% Wilson intervals and the gates that
 * looked at it; every value gate with its rules and the answers that counted against them; every regression check.
 * The same data always give the same summary, and {@link #markdown()} and {@link #json()} the same bytes.
 */
record Summary(RunRecord.TestCounts tests, List<ValueSystemSection> valueSystems, List<RunRecord.GateRow> valueGates,
               List<RunRecord.RegressionRow> regressionGates, List<RunRecord.UsageRow> usage) {

    static final double CONFIDENCE = 0.95;

    /** A rate with its 95% Wilson interval. */
    record Rate(int count, int of, @Nullable Double rate, double lower, double upper) {
        static Rate of(int count, int of) {
            WilsonInterval interval = WilsonInterval.of(count, of, CONFIDENCE);
            return new Rate(count, of, of == 0 ? null : round(interval.rate(), 3), round(interval.lower(), 3),
                    round(interval.upper(), 3));
        }

        /** E.g. {@code 0.125 [0.055, 0.261]}. */
        String text() {
            return rate == null ? "-" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", rate, lower, upper);
        }
    }

    /** One value's figures for one model. */
    record ValueLine(String value, int evaluations, Rate supports, Rate opposes, Rate unrelated,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double calibrationMacroF1, List<String> gates) {
    }

    /** The answers of one model under test evaluated in one value system. */
    record ModelSection(String model, int evaluations, List<ValueLine> values) {
    }

    /** One value system: calibrations, models, gates, and its status. */
    record ValueSystemSection(String id, String name, String status, int evaluations, List<RunRecord.CalibrationRow> calibrations,
                              List<ModelSection> models, List<String> gates) {

        /** The title, e.g. {@code Schwartz basic values (schwartz@1)}. */
        String title() {
            return name.equals(id) ? id : name + " (" + id + ")";
        }
    }

    static final String UNKNOWN_MODEL = "(model not named)";

    static Summary of(RunRecord.Data data) {
        TreeSet<String> systems = new TreeSet<>();
        data.evaluations().forEach(e -> systems.add(e.valueSystem()));
        data.calibrations().forEach(c -> systems.add(c.valueSystem()));
        data.gates().forEach(g -> systems.add(g.valueSystem()));
        data.regressions().forEach(r -> systems.add(r.valueSystem()));
        List<ValueSystemSection> sections = new ArrayList<>();
        for (String system : systems) {
            sections.add(section(system, data));
        }
        return new Summary(data.tests(), List.copyOf(sections), data.gates(), data.regressions(), data.usage());
    }

    private static ValueSystemSection section(String system, RunRecord.Data data) {
        List<RunRecord.CalibrationRow> calibrations = data.calibrations().stream().filter(c -> c.valueSystem().equals(system)).toList();
        Map<String, Double> macroF1 = new TreeMap<>();
        if (calibrations.size() == 1) {
            calibrations.get(0).values().forEach(q -> macroF1.put(q.value(), Double.isNaN(q.macroF1()) ? null : round(q.macroF1())));
        }
        List<RunRecord.GateRow> gates = data.gates().stream().filter(g -> g.valueSystem().equals(system)).toList();
        List<RunRecord.RegressionRow> regressions = data.regressions().stream().filter(r -> r.valueSystem().equals(system)).toList();
        Map<String, List<RunRecord.EvaluationRow>> byModel = new TreeMap<>(Names.NATURAL);
        data.evaluations().stream().filter(e -> e.valueSystem().equals(system))
                .forEach(e -> byModel.computeIfAbsent(e.model().isEmpty() ? UNKNOWN_MODEL : e.model(), m -> new ArrayList<>()).add(e));
        List<ModelSection> models = new ArrayList<>();
        int evaluations = 0;
        for (var entry : byModel.entrySet()) {
            List<RunRecord.EvaluationRow> rows = entry.getValue();
            evaluations += rows.size();
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (RunRecord.EvaluationRow row : rows) {
                for (int i = 0; i < row.values().size(); i++) {
                    int[] c = counts.computeIfAbsent(row.values().get(i), v -> new int[3]);
                    switch (row.labels().get(i)) {
                        case "supports" -> c[0]++;
                        case "opposes" -> c[1]++;
                        default -> c[2]++;
                    }
                }
            }
            List<ValueLine> values = new ArrayList<>();
            counts.forEach((value, c) -> {
                int n = c[0] + c[1] + c[2];
                values.add(new ValueLine(value, n, Rate.of(c[0], n), Rate.of(c[1], n), Rate.of(c[2], n), macroF1.get(value),
                        gatesOn(value, entry.getKey(), gates, regressions)));
            });
            models.add(new ModelSection(entry.getKey(), rows.size(), List.copyOf(values)));
        }
        String status = "passed";
        List<String> gateNames = new ArrayList<>();
        for (RunRecord.GateRow gate : gates) {
            gateNames.add(gate.subject() + ": " + gate.outcome());
            status = worse(status, gate.outcome().equals("BLOCKED") ? "failed" : gate.outcome().equals("WARNED") ? "warned" : "passed");
        }
        for (RunRecord.RegressionRow regression : regressions) {
            gateNames.add(regression.name() + ": " + regression.outcome());
            status = worse(status, regression.held() ? "passed" : "failed");
        }
        String name = data.valueSystemNames().getOrDefault(system, system);
        return new ValueSystemSection(system, name, status, evaluations, calibrations, List.copyOf(models), List.copyOf(gateNames));
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("passed", "warned", "failed");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private static List<String> gatesOn(String value, String model, List<RunRecord.GateRow> gates,
                                        List<RunRecord.RegressionRow> regressions) {
        List<String> found = new ArrayList<>();
        for (RunRecord.GateRow gate : gates) {
            if (!gate.models().isEmpty() && !gate.models().contains(model)) {
                continue;
            }
            for (RunRecord.RuleRow rule : gate.rules()) {
                if (rule.value().equals(value)) {
                    found.add(String.format(Locale.ROOT, "%s: %s rate %s %.2f (%s)", rule.verdict(), rule.label(), rule.limit(),
                            rule.threshold(), gate.subject()));
                }
            }
        }
        for (RunRecord.RegressionRow regression : regressions) {
            if (!regression.models().isEmpty() && !regression.models().contains(model)) {
                continue;
            }
            for (RunRecord.ComparisonRow comparison : regression.values()) {
                if (comparison.value().equals(value) && !comparison.change().equals("UNCHANGED")) {
                    found.add(comparison.change() + " (" + regression.name() + ": " + regression.outcome() + ")");
                }
            }
        }
        return List.copyOf(found);
    }

    static double round(double value) {
        return round(value, 4);
    }

    /** Rounded once, so that a figure and its text ({@code %.3f}) never disagree. */
    static double round(double value, int places) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value
                : BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The summary as JSON, keys in a fixed order, rates and intervals rounded to three places, other figures to four, lines ending in {@code \n}. */
    String json() {
        try {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            return mapper.writeValueAsString(this).replace("\r\n", "\n") + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The summary cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The summary as Markdown for a CI job summary: one section per value system, then the gates. */
    String markdown() {
        StringBuilder out = new StringBuilder("# Clave value report\n\n");
        out.append(String.format(Locale.ROOT, "%d tests: %d passed, %d failed, %d aborted, %d skipped. %d value systems, "
                        + "%d value gates, %d regression checks.%n%n", tests.passed() + tests.failed() + tests.aborted()
                        + tests.skipped(), tests.passed(), tests.failed(), tests.aborted(), tests.skipped(), valueSystems.size(),
                valueGates.size(), regressionGates.size()).replace("\r\n", "\n"));
        if (!valueSystems.isEmpty()) {
            out.append("| value system | evaluations | status | gates |\n|---|---:|---|---|\n");
            for (ValueSystemSection s : valueSystems) {
                out.append("| ").append(cell(s.title())).append(" | ").append(s.evaluations()).append(" | ")
                        .append(icon(s.status())).append(' ').append(s.status()).append(" | ")
                        .append(cell(String.join("; ", s.gates()))).append(" |\n");
            }
            out.append('\n');
        }
        for (ValueSystemSection s : valueSystems) {
            out.append("## ").append(cell(s.title())).append("\n\n");
            for (RunRecord.CalibrationRow c : s.calibrations()) {
                out.append(String.format(Locale.ROOT, "Calibration `%s` from `%s`: %d samples, extractor `%s`", c.id(), c.source(),
                        c.samples(), c.extractor()));
                if (c.folds() > 1) {
                    out.append(String.format(Locale.ROOT, "; %d-fold cross-validated accuracy %.3f, macro-F1 %.3f, kappa %.3f",
                            c.folds(), c.accuracy(), c.macroF1(), c.kappa()));
                }
                out.append(".\n\n");
            }
            for (ModelSection m : s.models()) {
                out.append("### ").append(cell(m.model())).append(" — ").append(m.evaluations())
                        .append(m.evaluations() == 1 ? " answer" : " answers").append("\n\n");
                out.append("| value | n | supports (95% CI) | opposes (95% CI) | unrelated (95% CI) | CV macro-F1 | gates |\n");
                out.append("|---|---:|---|---|---|---:|---|\n");
                for (ValueLine v : m.values()) {
                    out.append("| ").append(cell(v.value())).append(" | ").append(v.evaluations()).append(" | ")
                            .append(v.supports().text()).append(" | ").append(v.opposes().text()).append(" | ")
                            .append(v.unrelated().text()).append(" | ")
                            .append(v.calibrationMacroF1() == null ? "-" : String.format(Locale.ROOT, "%.3f", v.calibrationMacroF1()))
                            .append(" | ").append(cell(String.join("; ", v.gates()))).append(" |\n");
                }
                out.append('\n');
            }
        }
        if (!valueGates.isEmpty()) {
            out.append("## Value gates\n\n");
            for (RunRecord.GateRow g : valueGates) {
                out.append("### ").append(icon(g.outcome())).append(' ').append(cell(g.subject())).append(": ").append(g.outcome())
                        .append("\n\n").append(cell(g.summary())).append("\n\n");
                out.append("| value | rule | n | count | rate | interval | action | result | answers against it |\n");
                out.append("|---|---|---:|---:|---:|---|---|---|---|\n");
                for (RunRecord.RuleRow r : g.rules()) {
                    out.append(String.format(Locale.ROOT, "| %s | %s rate %s %.3f | %d | %d | %.3f | [%.3f, %.3f] %s | %s | %s: %s | %s |%n",
                            cell(r.value()), r.label(), r.limit(), r.threshold(), r.trials(), r.count(), r.rate(), r.lower(),
                            r.upper(), percent(r.confidence()), r.action(), r.verdict(), cell(r.reason()),
                            cell(String.join(", ", r.against()))).replace("\r\n", "\n"));
                }
                out.append('\n');
            }
        }
        if (!regressionGates.isEmpty()) {
            out.append("## Regression gates\n\n");
            for (RunRecord.RegressionRow r : regressionGates) {
                out.append("### ").append(icon(r.held() ? "passed" : "failed")).append(' ').append(cell(r.name())).append(": ")
                        .append(r.outcome()).append("\n\n").append(cell(r.summary()));
                if (!r.models().isEmpty()) {
                    out.append(". Models evaluated in the test: ").append(cell(String.join(", ", r.models())));
                }
                out.append(".\n\n| value | baseline | candidate | only baseline | only candidate | p exact | p Holm | change |\n");
                out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
                for (RunRecord.ComparisonRow v : r.values()) {
                    out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %d | %d | %.4f | %.4f | %s |%n", cell(v.value()),
                            rate(v.baselineCount(), v.pairs()), rate(v.candidateCount(), v.pairs()), v.onlyBaseline(),
                            v.onlyCandidate(), v.pValue(), v.adjustedPValue(), v.change()).replace("\r\n", "\n"));
                }
                out.append('\n');
            }
        }
        if (!usage.isEmpty()) {
            out.append("## Concept extraction\n\n| extractor | cache hits | cache misses | hit rate | large-model requests | tokens in | tokens out |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (RunRecord.UsageRow u : usage) {
                long lookups = u.cacheHits() + u.cacheMisses();
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d |%n", cell(u.extractor()), u.cacheHits(),
                        u.cacheMisses(), lookups == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) u.cacheHits() / lookups),
                        u.largeModelRequests(), u.inputTokens(), u.outputTokens()).replace("\r\n", "\n"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static double rate(int count, int of) {
        return of == 0 ? Double.NaN : (double) count / of;
    }

    static String percent(double confidence) {
        double value = confidence * 100;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + "%";
    }

    private static String icon(String status) {
        return switch (status) {
            case "failed", "BLOCKED" -> "❌";
            case "warned", "WARNED" -> "⚠️";
            default -> "✅";
        };
    }

    /** Text safe inside a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
