package dev.clave.junit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clave.event.ProbeAssertionEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One probe in the summary: its runs (per model and item set, the figures per value or domain and overall) and the
 * assertions tests made on them; failed when an assertion failed. A know-what-only run whose answers a run with
 * know-why of the same model and items already shows is folded into that run.
 *
 * @param probe      {@code value-understanding} or {@code multi-choice}
 * @param title      the section's title, also the probe's epic in the Allure report
 * @param status     {@code passed}, or {@code failed} when an assertion failed
 * @param chart      the chart's file name under {@code charts/}
 * @param understanding the runs of the value-understanding probe
 * @param choices    the runs of the multiple-choice probe
 * @param assertions the assertions on the probe's figures
 */
record ProbeSection(String probe, String title, String status, String chart,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProbeRows.UnderstandingRow> understanding,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProbeRows.ChoiceRow> choices,
                    List<ProbeRows.CheckRow> assertions) {

    static final String UNDERSTANDING = ProbeAssertionEvent.Probe.VALUE_UNDERSTANDING.wire();
    static final String CHOICE = ProbeAssertionEvent.Probe.MULTI_CHOICE.wire();

    /** The probes of a run that ran any, value understanding first. */
    static List<ProbeSection> of(RunRecord.Data data) {
        List<ProbeSection> sections = new ArrayList<>();
        List<ProbeRows.UnderstandingRow> understanding = folded(data.understanding());
        if (!understanding.isEmpty()) {
            sections.add(section(UNDERSTANDING, understanding, List.of(), data.probeChecks()));
        }
        List<ProbeRows.ChoiceRow> choices = data.choices().stream().sorted(Comparator.comparing(ProbeRows.ChoiceRow::model,
                Names.NATURAL).thenComparing(ProbeRows.ChoiceRow::items).thenComparing(ProbeRows.ChoiceRow::key)).toList();
        if (!choices.isEmpty()) {
            sections.add(section(CHOICE, List.of(), choices, data.probeChecks()));
        }
        return List.copyOf(sections);
    }

    private static ProbeSection section(String probe, List<ProbeRows.UnderstandingRow> understanding,
                                        List<ProbeRows.ChoiceRow> choices, List<ProbeRows.CheckRow> allChecks) {
        List<ProbeRows.CheckRow> checks = allChecks.stream().filter(c -> c.probe().equals(probe)).toList();
        String status = checks.stream().allMatch(ProbeRows.CheckRow::held) ? "passed" : "failed";
        return new ProbeSection(probe, ProbeRows.title(probe), status, "probe-" + probe + ".png", understanding, choices, checks);
    }

    /**
     * The runs in the order of model, items and kind (know-why first), where a know-what-only run is left out when a run
     * with know-why of the same model, value system and items gave the same answers; its tests join that run's.
     */
    static List<ProbeRows.UnderstandingRow> folded(List<ProbeRows.UnderstandingRow> rows) {
        List<ProbeRows.UnderstandingRow> sorted = rows.stream().sorted(Comparator.comparing(ProbeRows.UnderstandingRow::model,
                        Names.NATURAL).thenComparing(ProbeRows.UnderstandingRow::items)
                .thenComparing(r -> r.knowWhy() ? 0 : 1).thenComparing(ProbeRows.UnderstandingRow::key)).toList();
        List<ProbeRows.UnderstandingRow> kept = new ArrayList<>();
        for (ProbeRows.UnderstandingRow row : sorted) {
            int same = -1;
            for (int i = 0; i < kept.size() && !row.knowWhy(); i++) {
                ProbeRows.UnderstandingRow full = kept.get(i);
                if (full.knowWhy() && full.model().equals(row.model()) && full.valueSystem().equals(row.valueSystem())
                        && full.items().equals(row.items()) && sameAnswers(full, row)) {
                    same = i;
                }
            }
            if (same >= 0) {
                kept.set(same, kept.get(same).withTests(row.tests()));
            } else {
                kept.add(row);
            }
        }
        return List.copyOf(kept);
    }

    private static boolean sameAnswers(ProbeRows.UnderstandingRow a, ProbeRows.UnderstandingRow b) {
        List<ProbeRows.UnderstandingLine> x = a.lines();
        List<ProbeRows.UnderstandingLine> y = b.lines();
        if (x.size() != y.size() || !a.confusion().equals(b.confusion())) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).value().equals(y.get(i).value()) || x.get(i).correct() != y.get(i).correct()
                    || x.get(i).wrong() != y.get(i).wrong() || x.get(i).unparseable() != y.get(i).unparseable()) {
                return false;
            }
        }
        return true;
    }

    /** The models probed, in order. */
    List<String> models() {
        List<String> models = new ArrayList<>();
        understanding.forEach(r -> models.add(r.model()));
        choices.forEach(r -> models.add(r.model()));
        return models.stream().distinct().toList();
    }

    /** The number of runs. */
    int runs() {
        return understanding.size() + choices.size();
    }

    /** E.g. {@code 4 runs of 2 models; 14 of 14 assertions held}. */
    String line() {
        long held = assertions.stream().filter(ProbeRows.CheckRow::held).count();
        return String.format(Locale.ROOT, "%d run%s of %d model%s; %d of %d assertion%s held", runs(), runs() == 1 ? "" : "s",
                models().size(), models().size() == 1 ? "" : "s", held, assertions.size(), assertions.size() == 1 ? "" : "s");
    }

    /** The values (value understanding) or domains (multiple choice) that have figures, in the order of the runs. */
    List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        understanding.forEach(r -> r.values().forEach(v -> subjects.add(v.value())));
        choices.forEach(r -> r.domains().forEach(d -> subjects.add(d.domain())));
        return subjects.stream().distinct().toList();
    }

    /** The section as Markdown: per run its table, then the assertions. */
    void markdown(StringBuilder out) {
        out.append("## ").append(Markdown.cell(title)).append("\n\n").append(Markdown.icon(status)).append(' ').append(status)
                .append(": ").append(line()).append(". Chart: `charts/").append(chart).append("`.\n\n");
        for (ProbeRows.UnderstandingRow run : understanding) {
            out.append("### ").append(Markdown.cell(run.model())).append(" — ").append(Markdown.cell(run.kind())).append(": ")
                    .append(ProbeRows.items(run.overall().items())).append(" of `").append(Markdown.cell(run.items())).append("` (")
                    .append(Markdown.cell(run.valueSystem())).append(")\n\n");
            tests(out, run.tests());
            Markdown.table(out, understandingHeader(run.knowWhy()), run.lines().stream().map(l -> understandingCells(l, run.knowWhy())).toList());
            out.append("Answers with a letter, human label (rows) against the model's (columns):\n\n");
            Markdown.table(out, List.of("human \\ model", "supports", "opposes", "unrelated"), confusion(run));
            out.append(intervals(run)).append("\n\n");
        }
        for (ProbeRows.ChoiceRow run : choices) {
            boolean open = !run.openEnded().isEmpty();
            out.append("### ").append(Markdown.cell(run.model())).append(": ").append(ProbeRows.items(run.overall().items())).append(" of `")
                    .append(Markdown.cell(run.items())).append("`, each asked in both orders\n\n");
            tests(out, run.tests());
            Markdown.table(out, choiceHeader(open), run.lines().stream().map(l -> choiceCells(l, open)).toList());
            if (open) {
                out.append(openEnded(run)).append("\n\n");
            }
            out.append(choiceNote(run)).append("\n\n");
        }
        if (!assertions.isEmpty()) {
            out.append("### Assertions\n\n");
            Markdown.table(out, ASSERTION_HEADER, assertionRows(assertions));
        }
    }

    static final List<String> ASSERTION_HEADER = List.of("test", "model", "assertion", "figure", "bound", "actual", "result");

    /** One line per assertion on a probe's figure. */
    static List<List<String>> assertionRows(List<ProbeRows.CheckRow> checks) {
        return checks.stream().map(c -> List.of(c.test(), c.model(), c.description(),
                c.figure() + (c.subject() == null ? "" : " of " + c.subject()), c.boundText(), c.actualText(),
                Markdown.icon(c.held() ? "passed" : "failed") + (c.held() ? " held" : " FAILED"))).toList();
    }

    private static void tests(StringBuilder out, List<String> tests) {
        if (!tests.isEmpty()) {
            out.append("Run by ").append(Markdown.cell(String.join(", ", tests))).append(".\n\n");
        }
    }

    static List<String> understandingHeader(boolean knowWhy) {
        List<String> header = new ArrayList<>(List.of("value", "items", "correct", "wrong", "unparseable", "discriminator (95% CI)"));
        if (knowWhy) {
            header.addAll(List.of("critique (95% CI)", "attribution", "counterfactual", "rebuttal", "gap (95% CI)", "unscored"));
        }
        return header;
    }

    static List<String> understandingCells(ProbeRows.UnderstandingLine l, boolean knowWhy) {
        List<String> cells = new ArrayList<>(List.of(l.value(), String.valueOf(l.items()), String.valueOf(l.correct()),
                String.valueOf(l.wrong()), String.valueOf(l.unparseable()), l.discriminator().text()));
        if (knowWhy) {
            cells.addAll(List.of(l.critique().text(false), share(l.attribution()), share(l.counterfactual()), share(l.rebuttal()),
                    l.gap().text(true), String.valueOf(l.unscored())));
        }
        return cells;
    }

    static List<List<String>> confusion(ProbeRows.UnderstandingRow run) {
        List<String> labels = List.of("supports", "opposes", "unrelated");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> cells = new ArrayList<>(List.of(labels.get(i)));
            run.confusion().get(i).forEach(n -> cells.add(String.valueOf(n)));
            rows.add(cells);
        }
        return rows;
    }

    static String intervals(ProbeRows.UnderstandingRow run) {
        return run.knowWhy()
                ? String.format(Locale.ROOT, "Intervals: Wilson (discriminator), percentile bootstrap over the items (critique,"
                + " gap), %s, %d resamples, seed %d. Gap = discriminator − critique.", Summary.percent(run.confidence()),
                run.resamples(), run.seed())
                : String.format(Locale.ROOT, "Intervals: Wilson, %s.", Summary.percent(run.confidence()));
    }

    /** What CLAVE said about the model's own open-ended replies, in one sentence. */
    static String openEnded(ProbeRows.ChoiceRow run) {
        List<String> parts = new ArrayList<>();
        for (ProbeRows.OpenEndedLine o : run.openEnded()) {
            parts.add(String.format(Locale.ROOT, "%d of %d oppose %s (%s)", o.opposes(), o.replies(), o.value(),
                    o.opposesRate().text()));
        }
        return "The model's own open-ended replies to the same prompts, evaluated by CLAVE: " + String.join("; ", parts) + ".";
    }

    /** How the multiple-choice figures are defined. */
    static String choiceNote(ProbeRows.ChoiceRow run) {
        return String.format(Locale.ROOT, "acc = safe choices / answers; acc* = safe choices / answers that chose a reply;"
                + " consistency = items answered safely in both orders; position bias = acc with the safe reply first − acc"
                + " with it second. Wilson intervals, %s.", Summary.percent(run.confidence()));
    }

    static List<String> choiceHeader(boolean open) {
        List<String> header = new ArrayList<>(List.of("domain", "value", "items", "acc (95% CI)", "acc* (95% CI)",
                "acc, safe reply first", "acc, safe reply second", "consistency (95% CI)", "position bias", "needs check",
                "refusals"));
        if (open) {
            header.addAll(List.of("open-ended replies: supports / opposes / unrelated", "open-ended opposes (95% CI)"));
        }
        return header;
    }

    static List<String> choiceCells(ProbeRows.ChoiceLine l, boolean open) {
        List<String> cells = new ArrayList<>(List.of(l.domain(), l.value().isEmpty() ? "-" : l.value(), String.valueOf(l.items()),
                l.acc().text(), l.accParsed().text(), l.accSafeFirst().text(), l.accSafeSecond().text(), l.consistency().text(),
                String.format(Locale.ROOT, "%+.3f", l.positionBias()), String.valueOf(l.needsCheck()), String.valueOf(l.refusals())));
        if (open) {
            ProbeRows.OpenEndedLine o = l.openEnded();
            cells.add(o == null ? "-" : String.format(Locale.ROOT, "%d / %d / %d of %d", o.supports(), o.opposes(), o.unrelated(),
                    o.replies()));
            cells.add(o == null ? "-" : o.opposesRate().text());
        }
        return cells;
    }

    private static String share(Double value) {
        return Objects.isNull(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
