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
 * baseline and candidate side by side, significant changes marked.
 */
final class Charts {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Charts() {
    }

    /** Each value's supports (lower panel) and opposes (upper panel) rate with its interval, one series per model. */
    static byte[] rates(Summary.ValueSystemSection section) {
        Set<String> valueSet = new LinkedHashSet<>();
        section.models().forEach(m -> m.values().forEach(v -> valueSet.add(v.value())));
        List<String> values = new ArrayList<>(valueSet);
        SymbolAxis axis = new SymbolAxis(null, values.toArray(String[]::new));
        axis.setVerticalTickLabels(values.size() > 6);
        axis.setGridBandsVisible(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(axis);
        combined.setGap(12);
        for (String label : List.of("opposes", "supports")) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            int models = section.models().size();
            for (int k = 0; k < models; k++) {
                Summary.ModelSection model = section.models().get(k);
                YIntervalSeries series = new YIntervalSeries(model.model() + " (" + model.evaluations() + ")");
                double offset = models == 1 ? 0 : (k - (models - 1) / 2.0) * Math.min(0.6 / models, 0.18);
                for (Summary.ValueLine line : model.values()) {
                    Summary.Rate rate = label.equals("opposes") ? line.opposes() : line.supports();
                    if (rate.rate() != null) {
                        series.add(values.indexOf(line.value()) + offset, rate.rate(), rate.lower(), rate.upper());
                    }
                }
                data.addSeries(series);
            }
            NumberAxis range = new NumberAxis(label + " rate (95% CI)");
            range.setRange(0, 1.0);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawXError(false);
            renderer.setErrorStroke(new BasicStroke(1.6f));
            renderer.setCapLength(6);
            renderer.setDefaultLinesVisible(false);
            renderer.setDefaultShapesVisible(true);
            renderer.setAutoPopulateSeriesShape(false);
            renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
            for (int k = 0; k < models; k++) {
                renderer.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            }
            XYPlot plot = new XYPlot(data, null, range, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            plot.setDomainGridlinePaint(new Color(0xeeeeee));
            combined.add(plot, 1);
        }
        combined.setFixedLegendItems(((XYPlot) combined.getSubplots().get(0)).getLegendItems());
        JFreeChart chart = new JFreeChart(null, TITLE, combined, true);
        chart.addSubtitle(new TextTitle(section.title() + ": rates per value and model under test", TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, Math.max(760, 70 * values.size() + 200), 620);
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
