package dev.clave.junit.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The charts of the summary, drawn with JFreeChart as PNG: per value system each value's supports and opposes rates
 * with their 95% Wilson intervals, one series per model under test; per regression check the watched label's rate of
 * baseline and candidate side by side, significant changes marked; per probe its figures per value or domain with their
 * intervals, one series per run; per comparison of two value profiles each value's mean score change, significant
 * shifts marked. The 2-D maps of profiles are drawn by {@link dev.clave.profile.ProfileCharts}.
 */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Charts() {
    }

    /** A figure with its interval, at a category (a value, a domain, or overall). */
    record Point(String category, double value, double lower, double upper) {
    }

    /** One series of points: a model, or a model's run. */
    record Series(String name, List<Point> points) {
    }

    /** One panel: its range axis and its series. */
    record Panel(String axis, List<Series> series) {
    }

    /** Each value's supports (lower panel) and opposes (upper panel) rate with its interval, one series per model. */
    static byte[] rates(Summary.ValueSystemSection section) {
        Set<String> valueSet = new LinkedHashSet<>();
        section.models().forEach(m -> m.values().forEach(v -> valueSet.add(v.value())));
        List<Panel> panels = new ArrayList<>();
        for (String label : List.of("opposes", "supports")) {
            List<Series> series = new ArrayList<>();
            for (Summary.ModelSection model : section.models()) {
                List<Point> points = new ArrayList<>();
                for (Summary.ValueLine line : model.values()) {
                    point(points, line.value(), label.equals("opposes") ? line.opposes() : line.supports());
                }
                series.add(new Series(model.model() + " (" + model.evaluations() + ")", points));
            }
            panels.add(new Panel(label + " rate (95% CI)", series));
        }
        return intervals(section.title() + ": rates per value and model under test", new ArrayList<>(valueSet), panels);
    }

    /**
     * A probe's figures per value (value understanding: discriminator and, with know-why, critique score) or per domain
     * (multiple choice: acc and consistency), and overall, with their intervals; one series per run.
     */
    static byte[] probe(ProbeSection section) {
        List<String> categories = new ArrayList<>(section.subjects());
        categories.add(ProbeRows.OVERALL);
        List<Panel> panels = new ArrayList<>();
        if (!section.understanding().isEmpty()) {
            List<Series> discriminator = new ArrayList<>();
            List<Series> critique = new ArrayList<>();
            for (ProbeRows.UnderstandingRow run : section.understanding()) {
                String name = run.model() + (run.knowWhy() ? "" : " (know-what only)");
                List<Point> d = new ArrayList<>();
                List<Point> c = new ArrayList<>();
                for (ProbeRows.UnderstandingLine line : run.lines()) {
                    point(d, line.value(), line.discriminator());
                    if (line.critique().estimate() != null) {
                        c.add(new Point(line.value(), line.critique().estimate(), line.critique().lower(), line.critique().upper()));
                    }
                }
                discriminator.add(new Series(name, d));
                if (run.knowWhy()) {
                    critique.add(new Series(name, c));
                }
            }
            if (!critique.isEmpty()) {
                panels.add(new Panel("critique score (95% CI)", critique));
            }
            panels.add(new Panel("discriminator score (95% CI)", discriminator));
        } else {
            List<Series> consistency = new ArrayList<>();
            List<Series> acc = new ArrayList<>();
            for (ProbeRows.ChoiceRow run : section.choices()) {
                List<Point> k = new ArrayList<>();
                List<Point> a = new ArrayList<>();
                for (ProbeRows.ChoiceLine line : run.lines()) {
                    point(k, line.domain(), line.consistency());
                    point(a, line.domain(), line.acc());
                }
                String name = run.model() + " (" + run.items().substring(run.items().lastIndexOf('/') + 1) + ")";
                consistency.add(new Series(name, k));
                acc.add(new Series(name, a));
            }
            panels.add(new Panel("consistency (95% CI)", consistency));
            panels.add(new Panel("acc (95% CI)", acc));
        }
        return intervals(section.title(), categories, panels);
    }

    private static void point(List<Point> points, String category, Summary.Rate rate) {
        if (rate.rate() != null) {
            points.add(new Point(category, rate.rate(), rate.lower(), rate.upper()));
        }
    }

    /** Panels of figures in [0, 1] with their intervals over shared categories, series side by side at each category. */
    static byte[] intervals(String title, List<String> categories, List<Panel> panels) {
        SymbolAxis axis = new SymbolAxis(null, categories.toArray(String[]::new));
        axis.setVerticalTickLabels(categories.size() > 6);
        axis.setGridBandsVisible(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(axis);
        combined.setGap(12);
        for (Panel panel : panels) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            int count = panel.series().size();
            for (int k = 0; k < count; k++) {
                Series s = panel.series().get(k);
                YIntervalSeries series = new YIntervalSeries(s.name());
                double offset = count == 1 ? 0 : (k - (count - 1) / 2.0) * Math.min(0.6 / count, 0.18);
                for (Point p : s.points()) {
                    int at = categories.indexOf(p.category());
                    if (at >= 0) {
                        series.add(at + offset, p.value(), p.lower(), p.upper());
                    }
                }
                data.addSeries(series);
            }
            NumberAxis range = new NumberAxis(panel.axis());
            range.setRange(0, 1.04);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawXError(false);
            renderer.setErrorStroke(new BasicStroke(1.6f));
            renderer.setCapLength(6);
            renderer.setDefaultLinesVisible(false);
            renderer.setDefaultShapesVisible(true);
            renderer.setAutoPopulateSeriesShape(false);
            renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
            for (int k = 0; k < count; k++) {
                renderer.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            }
            XYPlot plot = new XYPlot(data, null, range, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            plot.setDomainGridlinePaint(new Color(0xeeeeee));
            combined.add(plot, 1);
        }
        if (!combined.getSubplots().isEmpty()) {
            combined.setFixedLegendItems(((XYPlot) combined.getSubplots().get(0)).getLegendItems());
        }
        JFreeChart chart = new JFreeChart(null, TITLE, combined, true);
        chart.addSubtitle(new TextTitle(title, TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, Math.max(760, 70 * categories.size() + 200), 310 * Math.max(1, panels.size()));
    }

    /**
     * A comparison of two profiles: each value's mean score change (P(supports) − P(opposes), candidate minus
     * baseline), {@code *} over the values whose scores shifted significantly.
     */
    static byte[] drift(ProfileRows.DriftRow row) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ProfileRows.ShiftLine s : row.shifts()) {
            data.addValue(s.meanChange(), "mean score change", s.value());
        }
        CategoryAxis axis = new CategoryAxis(null);
        if (row.shifts().size() > 6) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis range = new NumberAxis("mean score change, candidate − baseline");
        double extent = Math.max(0.25, row.shifts().stream().mapToDouble(s -> Math.abs(s.meanChange())).max().orElse(0) + 0.1);
        range.setRange(-extent, extent);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        CategoryPlot plot = new CategoryPlot(data, axis, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        for (ProfileRows.ShiftLine s : row.shifts()) {
            if (s.significant()) {
                CategoryTextAnnotation mark = new CategoryTextAnnotation(String.format(Locale.ROOT, "* p=%.3f", s.adjustedPValue()),
                        s.value(), s.meanChange() >= 0 ? s.meanChange() + 0.02 : s.meanChange() - 0.02);
                mark.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                mark.setPaint(new Color(0xc00000));
                mark.setTextAnchor(s.meanChange() >= 0 ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
                plot.addAnnotation(mark);
            }
        }
        JFreeChart chart = new JFreeChart(null, TITLE, plot, false);
        chart.addSubtitle(new TextTitle(row.name() + ": " + row.outcome(), TITLE));
        chart.addSubtitle(new TextTitle("* shifted: permutation test on the value's scores, significant after Holm's correction"
                + " (alpha " + ProfilesSection.alpha(row.alpha()) + ")", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, Math.max(760, 70 * row.shifts().size() + 200), 460);
    }

    /** The watched label's rate of baseline and candidate per value, with {@code *} over significant changes. */
    static byte[] comparison(RunRecord.RegressionRow row) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RunRecord.ComparisonRow v : row.values()) {
            data.addValue(Summary.rate(v.baselineCount(), v.pairs()), "baseline", v.value());
            data.addValue(Summary.rate(v.candidateCount(), v.pairs()), "candidate", v.value());
        }
        CategoryAxis axis = new CategoryAxis(null);
        if (row.values().size() > 6) {
            axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis range = new NumberAxis(row.watched() + " rate");
        range.setRange(0, 1.05);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x7f7f7f));
        renderer.setSeriesPaint(1, new Color(0x1f77b4));
        CategoryPlot plot = new CategoryPlot(data, axis, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        for (RunRecord.ComparisonRow v : row.values()) {
            if (v.change().equals("REGRESSED") || v.change().equals("IMPROVED")) {
                double top = Math.max(Summary.rate(v.baselineCount(), v.pairs()), Summary.rate(v.candidateCount(), v.pairs()));
                CategoryTextAnnotation mark = new CategoryTextAnnotation(String.format(Locale.ROOT, "* %s, p=%.3f",
                        v.change().toLowerCase(Locale.ROOT), v.adjustedPValue()), v.value(), Math.min(1.0, top + 0.04));
                mark.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                mark.setPaint(v.change().equals("REGRESSED") ? new Color(0xc00000) : new Color(0x2a7a2a));
                mark.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(mark);
            }
        }
        JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
        chart.addSubtitle(new TextTitle(row.name() + ": " + row.outcome(), TITLE));
        chart.addSubtitle(new TextTitle("* significant after Holm's correction (alpha " + row.alpha() + ")",
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, Math.max(760, 70 * row.values().size() + 200), 460);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
