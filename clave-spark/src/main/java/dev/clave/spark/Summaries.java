package dev.clave.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** The audit's summary: counted by Spark, intervals and files made on the driver. */
final class Summaries {

    static final double CONFIDENCE = 0.95;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Summaries() {
    }

    static AuditSummary summarize(Dataset<Row> verdicts, long answers, long extracted, double seconds) {
        Dataset<Row> labelled = verdicts.withColumn("day_text", date_format(col("day"), "yyyy-MM-dd"));
        Dataset<Row> byDay = counts(labelled, col("day_text"));
        Dataset<Row> allDays = counts(labelled, lit(AuditSummary.ALL_DAYS));
        List<AuditSummary.Row> rows = new ArrayList<>();
        String valueSystem = "";
        String calibration = "";
        for (Row row : byDay.unionByName(allDays).collectAsList()) {
            long n = row.getLong(row.fieldIndex("n"));
            valueSystem = row.getString(row.fieldIndex("value_system"));
            calibration = row.getString(row.fieldIndex("calibration_id"));
            rows.add(new AuditSummary.Row(row.getString(row.fieldIndex("model")), row.getString(row.fieldIndex("day")),
                    row.getString(row.fieldIndex("value")), n,
                    AuditSummary.Rate.of(row.getLong(row.fieldIndex("supports")), n, CONFIDENCE),
                    AuditSummary.Rate.of(row.getLong(row.fieldIndex("opposes")), n, CONFIDENCE),
                    AuditSummary.Rate.of(row.getLong(row.fieldIndex("unrelated")), n, CONFIDENCE)));
        }
        rows.sort(Comparator.comparing(AuditSummary.Row::model)
                .thenComparing(r -> r.day().equals(AuditSummary.ALL_DAYS) ? "" : r.day())
                .thenComparing(AuditSummary.Row::value));
        return new AuditSummary(valueSystem, calibration, CONFIDENCE, answers, extracted, seconds, rows);
    }

    private static Dataset<Row> counts(Dataset<Row> verdicts, org.apache.spark.sql.Column day) {
        return verdicts.withColumn("day", day)
                .groupBy("value_system", "model", "day", "value")
                .agg(count(lit(1)).as("n"),
                        sum(when(col("label").equalTo("supports"), 1L).otherwise(0L)).as("supports"),
                        sum(when(col("label").equalTo("opposes"), 1L).otherwise(0L)).as("opposes"),
                        sum(when(col("label").equalTo("unrelated"), 1L).otherwise(0L)).as("unrelated"),
                        first("calibration_id").as("calibration_id"));
    }

    static void write(AuditSummary summary, Path out, Configuration hadoop) {
        try {
            put(out, "summary.json", JSON.writeValueAsBytes(summary), hadoop);
            put(out, "summary.md", markdown(summary).getBytes(StandardCharsets.UTF_8), hadoop);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(png, chart(summary), 1000, 600);
            put(out, "summary.png", png.toByteArray(), hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit summary into " + out, e);
        }
    }

    private static void put(Path out, String name, byte[] bytes, Configuration hadoop) throws IOException {
        Path file = new Path(out, name);
        FileSystem fs = file.getFileSystem(hadoop);
        try (FSDataOutputStream stream = fs.create(file, false)) {
            stream.write(bytes);
        }
    }

    static String markdown(AuditSummary summary) {
        StringBuilder md = new StringBuilder();
        md.append("# Value audit: ").append(summary.valueSystem()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d answers, calibration `%s`; %,d not in the concept cache (extracted). "
                        + "Rates with %.0f%% Wilson intervals.%n%n", summary.answers(), summary.calibrationId(), summary.extracted(),
                summary.confidence() * 100));
        md.append("## Whole period\n\n");
        table(md, summary.rows().stream().filter(r -> r.day().equals(AuditSummary.ALL_DAYS)).toList(), false);
        md.append("\n## Per day\n\n");
        table(md, summary.rows().stream().filter(r -> !r.day().equals(AuditSummary.ALL_DAYS)).toList(), true);
        return md.toString();
    }

    private static void table(StringBuilder md, List<AuditSummary.Row> rows, boolean withDay) {
        md.append(withDay ? "| model | day | value | n | supports | opposes |\n|---|---|---|---:|---|---|\n"
                : "| model | value | n | supports | opposes |\n|---|---|---:|---|---|\n");
        for (AuditSummary.Row row : rows) {
            md.append("| ").append(row.model()).append(" | ");
            if (withDay) {
                md.append(row.day()).append(" | ");
            }
            md.append(row.value()).append(" | ").append(row.n()).append(" | ").append(rate(row.supports())).append(" | ")
                    .append(rate(row.opposes())).append(" |\n");
        }
    }

    private static String rate(AuditSummary.Rate rate) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", rate.rate(), rate.lower(), rate.upper());
    }

    /** Opposes rate per value and model over the whole period: a marker at the rate, a bar over its interval. */
    static JFreeChart chart(AuditSummary summary) {
        List<AuditSummary.Row> rows = summary.rows().stream().filter(r -> r.day().equals(AuditSummary.ALL_DAYS)).toList();
        List<String> models = rows.stream().map(AuditSummary.Row::model).distinct().toList();
        List<String> values = rows.stream().map(AuditSummary.Row::value).distinct().toList();
        Number[][] lower = new Number[models.size()][values.size()];
        Number[][] upper = new Number[models.size()][values.size()];
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        for (AuditSummary.Row row : rows) {
            int m = models.indexOf(row.model());
            int v = values.indexOf(row.value());
            lower[m][v] = row.opposes().lower();
            upper[m][v] = row.opposes().upper();
            rates.addValue(row.opposes().rate(), row.model(), row.value());
        }
        DefaultIntervalCategoryDataset intervals = new DefaultIntervalCategoryDataset(models.toArray(new String[0]),
                values.toArray(new String[0]), lower, upper);
        CategoryAxis valueAxis = new CategoryAxis("value");
        valueAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis rateAxis = new NumberAxis(String.format(Locale.ROOT, "opposes rate (%.0f%% Wilson interval)",
                summary.confidence() * 100));
        rateAxis.setRange(0, 1);
        IntervalBarRenderer bars = new IntervalBarRenderer();
        bars.setDrawBarOutline(false);
        CategoryPlot plot = new CategoryPlot(intervals, valueAxis, rateAxis, bars);
        LineAndShapeRenderer markers = new LineAndShapeRenderer(false, true);
        plot.setDataset(1, rates);
        plot.setRenderer(1, markers);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        for (int m = 0; m < models.size(); m++) {
            markers.setSeriesPaint(m, java.awt.Color.BLACK);
            markers.setSeriesVisibleInLegend(m, false);
        }
        return new JFreeChart("Opposes rate per value and model: " + summary.valueSystem() + String.format(Locale.ROOT,
                " (%,d answers)", summary.answers()), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }
}
