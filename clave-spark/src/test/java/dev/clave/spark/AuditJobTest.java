package dev.clave.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clave.calibration.CalibratedModel;
import dev.clave.calibration.Calibrator;
import dev.clave.calibration.TestData;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptCaches;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.concept.jdbc.TestDatabase;
import dev.clave.data.LabelledSample;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.recognizer.HeadConfig;
import dev.clave.stats.WilsonInterval;
import dev.clave.value.ValueSystems;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit job embedded in local[2], as the README runs it, on small logs. */
class AuditJobTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path evaluator;
    static List<TextInput> answers;
    /** The verdict of each answer and value ({@code id/value}) from the evaluator in one JVM, without Spark. */
    static Map<String, String> expectedLabels;

    @BeforeAll
    static void calibrate() {
        System.setProperty("java.awt.headless", "true");
        // One Spark session for the class, in local[2] as the README runs it; the job reuses it (getOrCreate).
        SparkSession.builder().master("local[2]").appName("clave-audit-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        List<LabelledSample> samples = TestData.english();
        SentenceConceptExtractor offline = new SentenceConceptExtractor();
        // One brief calibration shared by every test, no cross-validation and few epochs: what is tested is the audit.
        try (CalibratedModel calibrated = Calibrator.builder().valueSystem(ValueSystems.builtIn("safety-responsibility"))
                .extractor(offline).folds(0).head(HeadConfig.defaults()).build().calibrate(samples, shared.resolve("evaluator"))) {
            evaluator = calibrated.directory();
        }
        answers = new ArrayList<>();
        List<String> texts = samples.stream().map(LabelledSample::text).distinct().limit(40).toList();
        for (int i = 0; i < texts.size(); i++) {
            answers.add(new TextInput(texts.get(i), i % 3 == 0 ? null : "prompt " + i, "a-" + i));
        }
        expectedLabels = new HashMap<>();
        try (ClaveEvaluator local = ClaveEvaluator.load(evaluator, new CachingConceptExtractor(offline,
                ConceptCache.inMemory(), CacheMode.READ_WRITE))) {
            for (Evaluation evaluation : local.evaluateAll(answers)) {
                for (ValueVerdict verdict : evaluation.verdicts()) {
                    expectedLabels.put(evaluation.id() + "/" + verdict.value(), verdict.label().wire());
                }
            }
        }
    }

    /** Checks that the verdicts are those of the evaluator in one JVM, one row per answer and value. */
    private static void assertSameVerdictsAsOneJvm(List<Row> verdicts) {
        assertThat(verdicts).hasSize(answers.size() * 2);
        for (Row row : verdicts) {
            assertThat(row.getString(row.fieldIndex("label")))
                    .isEqualTo(expectedLabels.get(row.getString(row.fieldIndex("id")) + "/" + row.getString(row.fieldIndex("value"))));
        }
    }

    @AfterAll
    static void stopSpark() {
        SparkSession.active().stop();
    }

    @BeforeEach
    void freshEvaluators() {
        ExecutorEvaluators.clear();
    }

    static String model(int i) {
        return i % 2 == 0 ? "bot-v1" : "bot-v2";
    }

    static String timestamp(int i) {
        return i < 20 ? "2025-03-01T09:30:00Z" : "2025-03-02T17:05:00+01:00";
    }

    private Path writeJsonl(String name, List<String> extraLines) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", answers.get(i).id());
            row.put("text", answers.get(i).text());
            if (answers.get(i).scenario() != null) {
                row.put("scenario", answers.get(i).scenario());
            }
            row.put("model", model(i));
            row.put("timestamp", timestamp(i));
            row.put("latency_ms", 120 + i);
            lines.add(json.writeValueAsString(row));
            if (i == 10) {
                lines.add("");
            }
        }
        lines.addAll(extraLines);
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    record Run(int code, String err, AuditJob job) {
    }

    static Run audit(String... args) {
        AuditJob job = new AuditJob();
        CommandLine cli = new CommandLine(job);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler(AuditJob.commandLine().getExecutionExceptionHandler());
        int code = cli.execute(args);
        return new Run(code, err.toString(), job);
    }

    private List<String> args(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--in", in.toString(), "--evaluator", evaluator.toString(),
                "--out", out.toString(), "--cache", dir.resolve("cache").toString(), "--partitions", "4", "--batch", "8"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void audits_a_jsonl_log_with_the_same_verdicts_as_one_jvm_and_summarises_them() throws Exception {
        // GIVEN a log of 40 answers of two models over two days (with a blank line and an extra field)
        Path log = writeJsonl("answers.jsonl", List.of());
        Path out = dir.resolve("audit");

        // WHEN it is audited in local[2], in four partitions
        Run run = audit(args(log, out).toArray(String[]::new));

        // THEN it succeeded, loading the evaluator once for the executor however many tasks ran
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ExecutorEvaluators.loads()).isEqualTo(1);

        // AND the verdicts are those of the evaluator in one JVM, one row per answer and value
        SparkSession spark = SparkSession.active();
        List<Row> verdicts = spark.read().parquet(out.resolve("verdicts").toString()).collectAsList();
        assertSameVerdictsAsOneJvm(verdicts);
        Row first = verdicts.stream().filter(r -> r.getString(r.fieldIndex("id")).equals("a-25")).findFirst().orElseThrow();
        assertThat(first.getString(first.fieldIndex("model"))).isEqualTo("bot-v2");
        assertThat(first.get(first.fieldIndex("day")).toString()).isEqualTo("2025-03-02");

        // AND the summary counts every answer once per value, with Wilson intervals, per model and day and overall
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("answers").asLong()).isEqualTo(40);
        assertThat(summary.get("valueSystem").asText()).isEqualTo("safety-responsibility@1");
        long perDay = 0;
        for (JsonNode row : summary.get("rows")) {
            long n = row.get("n").asLong();
            if (!row.get("day").asText().equals("all")) {
                perDay += n;
            }
            JsonNode opposes = row.get("opposes");
            WilsonInterval interval = WilsonInterval.of(opposes.get("count").asInt(), (int) n, 0.95);
            assertThat(opposes.get("lower").asDouble()).isEqualTo(interval.lower());
            assertThat(opposes.get("upper").asDouble()).isEqualTo(interval.upper());
            assertThat(row.get("supports").get("count").asLong() + opposes.get("count").asLong()
                    + row.get("unrelated").get("count").asLong()).isEqualTo(n);
        }
        assertThat(perDay).isEqualTo(40 * 2);
        assertThat(summary.get("rows")).filteredOn(r -> r.get("day").asText().equals("all")
                        && r.get("model").asText().equals("bot-v1") && r.get("value").asText().equals("safety"))
                .singleElement().satisfies(r -> assertThat(r.get("n").asLong()).isEqualTo(20));
        assertThat(Files.readString(out.resolve("summary.md")))
                .contains("# Value audit: safety-responsibility@1")
                .contains("| model | day | value | n | supports | opposes |")
                .contains("| bot-v2 | 2025-03-02 | safety | 10 |");
        BufferedImage chart = ImageIO.read(out.resolve("summary.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(1000);
        assertThat(chart.getHeight()).isEqualTo(600);
    }

    @Test
    void a_parquet_log_gives_the_same_verdicts_as_its_jsonl() throws Exception {
        // GIVEN the log written as Parquet (timestamps as Parquet timestamps)
        Path jsonl = writeJsonl("answers.jsonl", List.of());
        SparkSession spark = SparkSession.active();
        Path parquet = dir.resolve("answers.parquet");
        spark.read().json(jsonl.toString()).selectExpr("id", "text", "scenario", "model", "to_timestamp(timestamp) AS timestamp")
                .write().parquet(parquet.toString());

        // WHEN it is audited
        Run run = audit(args(parquet, dir.resolve("from-parquet")).toArray(String[]::new));

        // THEN its verdicts are those of the JSONL log (the evaluator in one JVM), on the same models and days
        assertThat(run.code()).as(run.err()).isZero();
        List<Row> verdicts = spark.read().parquet(dir.resolve("from-parquet").resolve("verdicts").toString()).collectAsList();
        assertSameVerdictsAsOneJvm(verdicts);
        assertThat(verdicts).filteredOn(r -> r.getString(r.fieldIndex("id")).equals("a-25")).allSatisfy(r -> {
            assertThat(r.getString(r.fieldIndex("model"))).isEqualTo("bot-v2");
            assertThat(r.get(r.fieldIndex("day")).toString()).isEqualTo("2025-03-02");
        });
    }

    @Test
    void bad_lines_stop_the_audit_before_any_evaluation_naming_file_and_line() throws Exception {
        // GIVEN a log whose lines 42 to 46 are bad (40 answers and a blank line come first); the last one's text is a
        // zero-width space, which no Clave reader takes for text
        Path log = writeJsonl("answers.jsonl", List.of(
                "{\"id\": \"x1\", \"text\": \"  \", \"model\": \"m\", \"timestamp\": \"2025-03-01T00:00:00Z\"}",
                "{\"id\": \"x2\", \"text\": \"fine\", \"model\": \"m\", \"timestamp\": \"yesterday\"}",
                "not json at all",
                "{\"id\": \"x4\", \"text\": \"no model\", \"timestamp\": \"2025-03-01T00:00:00Z\"}",
                "{\"id\": \"x5\", \"text\": \"\\u200B\", \"model\": \"m\", \"timestamp\": \"2025-03-01T00:00:00Z\"}"));
        Path out = dir.resolve("audit");

        // WHEN it is audited
        Run run = audit(args(log, out).toArray(String[]::new));

        // THEN it fails as bad input, listing each line and what is wrong, and writes nothing
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err())
                .contains("5 answers are not usable; nothing was evaluated")
                .contains("answers.jsonl:42: text is missing or empty")
                .contains("answers.jsonl:43: timestamp is not an ISO-8601 date-time such as 2025-03-01T09:30:00Z: yesterday")
                .contains("answers.jsonl:44: not a JSON object")
                .contains("answers.jsonl:45: model is missing or empty")
                .contains("answers.jsonl:46: text has no visible characters (only U+200B ZERO WIDTH SPACE)");
        assertThat(ExecutorEvaluators.loads()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void replays_from_the_shared_database_chosen_by_name_without_extracting_anything() throws Exception {
        // GIVEN the answers' concepts in a PostgreSQL concept cache, stored by the same store in this JVM
        String url = TestDatabase.newDatabase();
        Map<String, String> database = Map.of(CacheSettings.STORE, "jdbc", "clave.cache.jdbc.url", url,
                "clave.cache.jdbc.user", "postgres");
        ConceptCaches.cached(new SentenceConceptExtractor(), CacheSettings.fromProperties(database::get, dir), name -> null)
                .extractAll(answers, ValueSystems.builtIn("safety-responsibility"));
        Path log = writeJsonl("answers.jsonl", List.of());

        // WHEN the log is audited in replay mode against the database, named by --cache-store like any store
        Run replay = audit(args(log, dir.resolve("audit"), "--cache-store", "jdbc", "--cache-jdbc-url", url,
                "--cache-jdbc-user", "postgres", "--cache-mode", "replay").toArray(String[]::new));

        // THEN the executors found every answer in the database (a miss would fail in replay mode) and extracted
        // nothing, with the verdicts of the evaluator in one JVM
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.job().summary.extracted()).isZero();
        assertThat(replay.job().summary.answers()).isEqualTo(40);
        assertSameVerdictsAsOneJvm(SparkSession.active().read().parquet(dir.resolve("audit").resolve("verdicts").toString())
                .collectAsList());
    }

    @Test
    void divides_the_request_budget_across_executors_without_exceeding_it() {
        assertThat(AuditSettings.share(600, 1)).isEqualTo(600);
        assertThat(AuditSettings.share(1000, 3)).isEqualTo(333);
        assertThat(AuditSettings.share(0, 8)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditSettings.share(5, 8))
                .hasMessageContaining("cannot be divided across 8 executors");
    }

    @Test
    void an_unknown_cache_store_is_refused_listing_the_stores_on_the_class_path() throws Exception {
        Path log = writeJsonl("answers.jsonl", List.of());

        Run run = audit(args(log, dir.resolve("out"), "--cache-store", "redis").toArray(String[]::new));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown concept cache store 'redis'. Valid concept cache stores are: directory, jdbc, memory");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_database_flag_for_the_directory_store_is_refused() throws Exception {
        Path log = writeJsonl("answers.jsonl", List.of());

        Run run = audit(args(log, dir.resolve("out"), "--cache-jdbc-url", "jdbc:postgresql://db.example/clave")
                .toArray(String[]::new));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--cache-jdbc-url (clave.cache.jdbc.url) is not a setting of the concept cache store "
                + "directory");
    }

    @Test
    void an_existing_output_is_refused() throws Exception {
        Path log = writeJsonl("answers.jsonl", List.of());
        Files.createDirectories(dir.resolve("taken"));

        Run run = audit(args(log, dir.resolve("taken")).toArray(String[]::new));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("already exists: give a new --out, or delete it");
    }
}
