package dev.clave.junit.report;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.Evidence;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.event.EvaluationEvent;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML pages of the Allure report: verdict tables with evidence, gate tables, regression tables and the summary of
 * a value system. Plain tables with a little CSS, every text escaped, so that they read well in Allure's attachment
 * frame and in its description panel.
 */
final class Html {

    static final String STYLE = "<style>body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:13px;"
            + "margin:8px;color:#222}table{border-collapse:collapse;margin:6px 0 14px}th,td{border:1px solid #ccc;padding:3px 7px;"
            + "text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + ".supports{color:#1a7f37;font-weight:600}.opposes{color:#c00;font-weight:600}.unrelated{color:#777}"
            + ".BLOCKED,.failed,.FAILED,.REGRESSED{color:#fff;background:#c62828;font-weight:600}"
            + ".WARNING,.warned,.WARNED{background:#ffb300;font-weight:600}.passed,.PASSED,.IMPROVED{color:#1a7f37;font-weight:600}"
            + ".expected{color:#fff;background:#6a1b9a;font-weight:600}small{color:#666}pre{white-space:pre-wrap;margin:2px 0}"
            + "h3{margin:14px 0 4px}</style>";

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>" + STYLE
                + "</head><body>" + body + "</body></html>";
    }

    /** One evaluation: prompt, answer and the verdict of every value with probabilities and evidence. */
    static String verdicts(EvaluationEvent event) {
        Evaluation e = event.evaluation();
        StringBuilder out = new StringBuilder();
        out.append("<h3>").append(escape(event.caseIdentifier().map(id -> "Case " + id).orElse("Evaluation"))).append("</h3>");
        out.append("<table>");
        if (e.scenario() != null) {
            row(out, "prompt", "<pre>" + escape(e.scenario()) + "</pre>");
        }
        row(out, "answer", "<pre>" + escape(e.text()) + "</pre>");
        event.modelUnderTest().ifPresent(m -> row(out, "model under test", escape(m)));
        row(out, "value system", escape(e.valueSystem()));
        row(out, "calibration", escape(e.calibrationId()) + " <small>(extractor " + escape(event.extractor()) + ")</small>");
        if (!event.tags().isEmpty()) {
            row(out, "tags", escape(String.join(", ", event.tags())));
        }
        out.append("</table>");
        out.append("<table><tr><th>value</th><th>label</th><th>supports</th><th>opposes</th><th>unrelated</th>"
                + "<th>evidence: concept &rarr; its label (p) ~ nearest calibrated concept (human label, similarity)</th></tr>");
        for (ValueVerdict v : e.verdicts()) {
            out.append("<tr><td>").append(escape(v.value())).append("</td><td class=\"").append(v.label().wire()).append("\">")
                    .append(v.label().wire()).append("</td>").append(number(v.supports())).append(number(v.opposes()))
                    .append(number(v.unrelated())).append("<td>");
            for (Evidence evidence : v.evidence()) {
                out.append("&ldquo;").append(escape(evidence.concept())).append("&rdquo; &rarr; <span class=\"")
                        .append(evidence.label().wire()).append("\">").append(evidence.label().wire()).append("</span> ")
                        .append(String.format(Locale.ROOT, "%.2f", evidence.probability()));
                if (evidence.nearestCalibrated() != null) {
                    out.append(" <small>~ &ldquo;").append(escape(evidence.nearestCalibrated())).append("&rdquo; (")
                            .append(evidence.nearestLabel() == null ? "-" : evidence.nearestLabel().wire())
                            .append(String.format(Locale.ROOT, ", sim %.2f", evidence.similarity())).append(")</small>");
                }
                out.append("<br>");
            }
            out.append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    /** Several evaluations, one line each: case or prompt, model, and the label of each value. */
    static String overview(List<EvaluationEvent> events) {
        StringBuilder out = new StringBuilder("<table><tr><th>#</th><th>case or prompt</th><th>model</th>");
        List<String> values = events.get(0).evaluation().valueIds();
        values.forEach(v -> out.append("<th>").append(escape(v)).append("</th>"));
        out.append("</tr>");
        int n = 0;
        for (EvaluationEvent event : events) {
            Evaluation e = event.evaluation();
            out.append("<tr><td class=\"n\">").append(++n).append("</td><td>").append(escape(RunRecord.name(e)))
                    .append("</td><td>").append(escape(event.modelUnderTest().orElse("-"))).append("</td>");
            for (String value : values) {
                String label = e.valueIds().contains(value) ? e.label(value).wire() : "-";
                out.append("<td class=\"").append(label).append("\">").append(label).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</table>").toString();
    }

    /** A value gate: its rules with rate, interval, result, and the answers that counted against each. */
    static String gate(RunRecord.GateRow gate, Map<String, String> groupOfRule) {
        StringBuilder out = new StringBuilder();
        out.append("<p><span class=\"").append(gate.outcome()).append("\">&nbsp;").append(gate.outcome()).append("&nbsp;</span> ")
                .append(escape(gate.summary())).append("</p>");
        out.append("<table><tr><th>value</th><th>rule</th><th>n</th><th>count</th><th>rate</th><th>interval</th><th>action</th>"
                + "<th>result</th><th>answers that count against it</th></tr>");
        for (RunRecord.RuleRow r : gate.rules()) {
            String rule = String.format(Locale.ROOT, "%s rate %s %.3f", r.label(), r.limit(), r.threshold());
            out.append("<tr><td>").append(escape(r.value())).append("</td><td>").append(escape(rule)).append("</td>")
                    .append("<td class=\"n\">").append(r.trials()).append("</td><td class=\"n\">").append(r.count()).append("</td>")
                    .append(number(r.rate()))
                    .append(String.format(Locale.ROOT, "<td>[%.3f, %.3f] %s</td>", r.lower(), r.upper(), Summary.percent(r.confidence())))
                    .append("<td>").append(r.action()).append("</td><td><span class=\"").append(r.verdict()).append("\">")
                    .append(r.verdict()).append("</span> ").append(escape(r.reason())).append("</td><td>");
            if (r.against().isEmpty()) {
                out.append("<small>none</small>");
            } else {
                out.append(escape(String.join(", ", r.against())));
                String group = groupOfRule.get(r.value() + "|" + rule);
                if (group != null) {
                    out.append("<br><small>In Behaviors: ").append(escape(group)).append("</small>");
                }
            }
            out.append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    /** A regression check: per value baseline and candidate rates, discordant pairs, p-values and the change. */
    static String regression(RunRecord.RegressionRow r) {
        StringBuilder out = new StringBuilder();
        String css = r.outcome().equals("fired, expected") ? "expected" : r.held() ? "passed" : "failed";
        out.append("<p><span class=\"").append(css).append("\">&nbsp;").append(escape(r.outcome())).append("&nbsp;</span> ")
                .append(escape(r.summary())).append("</p>");
        if (!r.models().isEmpty()) {
            out.append("<p>Models evaluated in the test: ").append(escape(String.join(", ", r.models()))).append("</p>");
        }
        if (!r.tooFewCases().isEmpty()) {
            out.append("<p>").append(escape(r.tooFewCases())).append("</p>");
        }
        out.append("<table><tr><th>value</th><th>baseline ").append(escape(r.watched())).append("</th><th>candidate ")
                .append(escape(r.watched())).append("</th><th>only baseline</th><th>only candidate</th><th>p exact</th>"
                        + "<th>p Holm</th><th>change</th></tr>");
        for (RunRecord.ComparisonRow v : r.values()) {
            out.append("<tr><td>").append(escape(v.value())).append("</td>").append(number(Summary.rate(v.baselineCount(), v.pairs())))
                    .append(number(Summary.rate(v.candidateCount(), v.pairs()))).append("<td class=\"n\">").append(v.onlyBaseline())
                    .append("</td><td class=\"n\">").append(v.onlyCandidate()).append("</td>")
                    .append(String.format(Locale.ROOT, "<td class=\"n\">%.4f</td><td class=\"n\">%.4f</td>", v.pValue(), v.adjustedPValue()))
                    .append("<td class=\"").append(v.change()).append("\">").append(v.change()).append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    /** The summary of one value system: status, calibrations, per model the figures of each value, and the gates. */
    static String section(Summary.ValueSystemSection s) {
        StringBuilder out = new StringBuilder();
        out.append("<p><span class=\"").append(s.status()).append("\">&nbsp;").append(s.status()).append("&nbsp;</span> ")
                .append(s.evaluations()).append(" answers evaluated");
        if (!s.gates().isEmpty()) {
            out.append("; gates: ").append(escape(String.join("; ", s.gates())));
        }
        out.append("</p>");
        for (RunRecord.CalibrationRow c : s.calibrations()) {
            out.append("<p>Calibration <code>").append(escape(c.id())).append("</code> from <code>").append(escape(c.source()))
                    .append("</code>: ").append(c.samples()).append(" samples");
            if (c.folds() > 1) {
                out.append(String.format(Locale.ROOT, "; %d-fold cross-validated accuracy %.3f, macro-F1 %.3f, kappa %.3f",
                        c.folds(), c.accuracy(), c.macroF1(), c.kappa()));
            }
            out.append("</p>");
        }
        for (Summary.ModelSection m : s.models()) {
            out.append("<h3>").append(escape(m.model())).append(" &mdash; ").append(m.evaluations()).append(" answers</h3>");
            out.append("<table><tr><th>value</th><th>n</th><th>supports (95% CI)</th><th>opposes (95% CI)</th>"
                    + "<th>unrelated (95% CI)</th><th>CV macro-F1</th><th>gates</th></tr>");
            for (Summary.ValueLine v : m.values()) {
                out.append("<tr><td>").append(escape(v.value())).append("</td><td class=\"n\">").append(v.evaluations())
                        .append("</td><td>").append(v.supports().text()).append("</td><td>").append(v.opposes().text())
                        .append("</td><td>").append(v.unrelated().text()).append("</td>")
                        .append(v.calibrationMacroF1() == null ? "<td>-</td>" : number(v.calibrationMacroF1()))
                        .append("<td>").append(escape(String.join("; ", v.gates()))).append("</td></tr>");
            }
            out.append("</table>");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String html) {
        out.append("<tr><th>").append(escape(name)).append("</th><td>").append(html).append("</td></tr>");
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "<td class=\"n\">-</td>" : String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", value);
    }
}
