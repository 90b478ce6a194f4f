package dev.clave.spark;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.data.TextInput;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The audit pipeline: read answer logs (JSONL or Parquet: {@code text}, optional {@code scenario}, {@code id},
 * {@code model}, {@code timestamp}; other fields are ignored), check every row before any evaluation (a bad row stops
 * the audit naming file and line, and nothing is written), evaluate each partition with the executor's evaluator,
 * write the verdicts as Parquet under {@code <out>/verdicts} (one row per answer and value), then the summary
 * ({@code summary.json}, {@code summary.md}, {@code summary.png}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Audit {

    /** Input formats. */
    public enum Format { AUTO, JSONL, PARQUET }

    /** The columns of the verdicts. */
    public static final StructType VERDICTS = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("timestamp", DataTypes.TimestampType, false)
            .add("value_system", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, false)
            .add("supports", DataTypes.DoubleType, false)
            .add("opposes", DataTypes.DoubleType, false)
            .add("unrelated", DataTypes.DoubleType, false)
            .add("evidence", DataTypes.StringType, true)
            .add("calibration_id", DataTypes.StringType, false);

    private static final StructType JSON_FIELDS = new StructType()
            .add("id", DataTypes.StringType).add("text", DataTypes.StringType).add("scenario", DataTypes.StringType)
            .add("model", DataTypes.StringType).add("timestamp", DataTypes.StringType);
    private static final int SHOWN_PROBLEMS = 10;
    private static final UserDefinedFunction TEXT_PROBLEM =
            udf((UDF3<String, String, String, String>) Audit::textProblem, DataTypes.StringType);

    private final SparkSession spark;

    public Audit(SparkSession spark) {
        this.spark = spark;
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }

    /**
     * Runs the audit.
     *
     * @param inputs files or directories of answer logs
     * @param format their format ({@link Format#AUTO}: by the first input's extension)
     * @param out    the output directory; must not exist
     * @throws ClaveInputException naming file and line (JSONL) or file and id (Parquet) of the first bad rows
     * @throws ClaveConfigurationException when the output exists or an input is missing
     */
    public AuditSummary run(AuditSettings settings, List<String> inputs, Format format, String out) {
        return run(settings, inputs, format, out, null);
    }

    /** As {@link #run(AuditSettings, List, Format, String)}, repartitioning the answers first when {@code partitions} is set. */
    public AuditSummary run(AuditSettings settings, List<String> inputs, Format format, String out, Integer partitions) {
        Path outPath = new Path(out);
        if (exists(outPath)) {
            throw new ClaveConfigurationException("The output " + out + " already exists: give a new --out, or delete it.");
        }
        Dataset<Row> answers = answers(inputs, format == Format.AUTO ? guess(inputs.get(0)) : format);
        check(answers);
        LongAccumulator answered = spark.sparkContext().longAccumulator("clave answers");
        LongAccumulator extracted = spark.sparkContext().longAccumulator("clave extracted");
        long start = System.nanoTime();
        Dataset<Row> selected = answers.select("id", "text", "scenario", "model", "timestamp");
        if (partitions != null) {
            selected = selected.repartition(partitions);
        }
        JavaRDD<Row> verdicts = selected.javaRDD()
                .mapPartitions(new EvaluatePartition(settings, answered, extracted));
        spark.createDataFrame(verdicts, VERDICTS)
                .withColumn("day", to_date(col("timestamp")))
                .write().parquet(new Path(outPath, "verdicts").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        AuditSummary summary = Summaries.summarize(spark.read().parquet(new Path(outPath, "verdicts").toString()),
                answered.value(), extracted.value(), seconds);
        Summaries.write(summary, outPath, spark.sparkContext().hadoopConfiguration());
        return summary;
    }

    /** The answers with their source file, their raw line (JSONL) and what is wrong with each, if anything. */
    Dataset<Row> answers(List<String> inputs, Format format) {
        for (String input : inputs) {
            if (!exists(new Path(input))) {
                throw new ClaveConfigurationException("No answer log at " + input);
            }
        }
        String[] paths = inputs.toArray(String[]::new);
        Dataset<Row> rows;
        if (format == Format.PARQUET) {
            Dataset<Row> parquet = spark.read().parquet(paths);
            List<String> columns = Arrays.asList(parquet.columns());
            for (String required : List.of("text", "id", "model", "timestamp")) {
                if (!columns.contains(required)) {
                    throw new ClaveInputException("The Parquet answer log " + String.join(", ", inputs) + " has no column '"
                            + required + "' (columns: " + String.join(", ", columns) + "); it needs text, id, model, "
                            + "timestamp and optionally scenario.");
                }
            }
            rows = parquet.select(col("id").cast("string").as("id"), col("text").cast("string").as("text"),
                            columns.contains("scenario") ? col("scenario").cast("string").as("scenario")
                                    : lit(null).cast("string").as("scenario"),
                            col("model").cast("string").as("model"),
                            col("timestamp").cast("string").as("raw_timestamp"))
                    .withColumn("file", input_file_name())
                    .withColumn("raw", lit(null).cast("string"))
                    .withColumn("parsed", lit(true));
        } else {
            rows = spark.read().text(paths)
                    .withColumn("file", input_file_name())
                    .filter(trim(col("value")).notEqual(""))
                    .withColumn("json", from_json(col("value"), JSON_FIELDS))
                    .select(col("json.id").as("id"), col("json.text").as("text"), col("json.scenario").as("scenario"),
                            col("json.model").as("model"), col("json.timestamp").as("raw_timestamp"), col("file"),
                            col("value").as("raw"),
                            col("json").isNotNull().and(expr("trim(value) LIKE '{%'")).as("parsed"));
        }
        Column timestamp = expr("try_cast(raw_timestamp AS timestamp)");
        return rows.withColumn("timestamp", timestamp)
                .withColumn("problem", when(col("parsed").equalTo(false), lit("not a JSON object"))
                        .when(col("text").isNull().or(trim(col("text")).equalTo("")), lit("text is missing or empty"))
                        .when(TEXT_PROBLEM.apply(col("text"), col("scenario"), col("id")).isNotNull(),
                                TEXT_PROBLEM.apply(col("text"), col("scenario"), col("id")))
                        .when(col("id").isNull().or(trim(col("id")).equalTo("")), lit("id is missing or empty"))
                        .when(col("model").isNull().or(trim(col("model")).equalTo("")), lit("model is missing or empty"))
                        .when(col("raw_timestamp").isNull(), lit("timestamp is missing"))
                        .when(col("timestamp").isNull(), expr("concat('timestamp is not an ISO-8601 date-time such as "
                                + "2025-03-01T09:30:00Z: ', raw_timestamp)")));
    }

    /**
     * What is wrong with an answer's text, scenario or id by the rules of every Clave reader (a visible character in the
     * text, no lone surrogate anywhere), or null: a row the executors could not evaluate fails here, with its line.
     */
    static String textProblem(String text, String scenario, String id) {
        try {
            new TextInput(text, scenario, id);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Fails, before any evaluation, when a row is bad: the first rows by file and line, and how many there are. */
    void check(Dataset<Row> answers) {
        Dataset<Row> bad = answers.filter(col("problem").isNotNull());
        long count = bad.count();
        if (count == 0) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (Row row : bad.select("file", "raw", "id", "problem").limit(SHOWN_PROBLEMS).collectAsList()) {
            String file = row.getString(0);
            String raw = row.getString(1);
            String where = raw != null ? file + ":" + lineOf(file, raw) : file + " (id " + row.getString(2) + ")";
            shown.add(where + ": " + row.getString(3));
        }
        throw new ClaveInputException(count + (count == 1 ? " answer is" : " answers are") + " not usable; nothing was "
                + "evaluated. Fix " + (count == 1 ? "it" : "them") + " and run again:\n  " + String.join("\n  ", shown)
                + (count > shown.size() ? "\n  ... and " + (count - shown.size()) + " more" : ""));
    }

    /** The line number of a raw line in a file (its first occurrence), read on the error path only. */
    private long lineOf(String file, String raw) {
        List<Long> lines = spark.sparkContext().textFile(file, 1).toJavaRDD().zipWithIndex()
                .filter(pair -> pair._1().equals(raw)).map(pair -> pair._2() + 1).take(1);
        return lines.isEmpty() ? 0 : lines.get(0);
    }

    private boolean exists(Path path) {
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check " + path, e);
        }
    }

    private static Format guess(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        return lower.endsWith(".parquet") || lower.endsWith(".parq") || lower.endsWith("/parquet") ? Format.PARQUET : Format.JSONL;
    }
}
