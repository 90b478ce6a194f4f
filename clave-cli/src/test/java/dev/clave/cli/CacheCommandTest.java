package dev.clave.cli;

import dev.clave.calibration.TestData;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.concept.jdbc.TestDatabase;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.data.TextInput;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.clave.cli.ClaveCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class CacheCommandTest {

    @TempDir
    Path dir;

    private final String url = TestDatabase.newDatabase();

    private static long rows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM clave_concept_cache")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<Path, String> files(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file), Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void imports_a_directory_cache_and_exports_it_back_byte_for_byte() throws Exception {
        // GIVEN a committed directory cache of 12 texts
        Path committed = dir.resolve("committed");
        new CachingConceptExtractor(new SentenceConceptExtractor(), ConceptCache.directory(committed), CacheMode.READ_WRITE)
                .extractAll(TestData.english().stream().limit(12).map(s -> new TextInput(s.text(), s.scenario())).toList(),
                        ValueSystems.builtIn("safety-responsibility"));
        int entries = files(committed).size();

        // WHEN it is imported twice, then exported into another directory
        ClaveCliTest.Run first = run("cache", "import", "--from", committed.toString(), "--cache-jdbc-url", url,
                "--cache-jdbc-user", "postgres");
        ClaveCliTest.Run second = run("cache", "import", "--from", committed.toString(), "--cache-jdbc-url", url,
                "--cache-jdbc-user", "postgres");
        Path exported = dir.resolve("exported");
        ClaveCliTest.Run export = run("cache", "export", "--to", exported.toString(), "--cache-jdbc-url", url,
                "--cache-jdbc-user", "postgres");

        // THEN the database got each entry once, and the export is the committed cache, file for file
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("imported " + entries + " entries").contains("(" + entries + " new, 0 already there)");
        assertThat(second.out()).contains("(0 new, " + entries + " already there)");
        assertThat(rows(url)).isEqualTo(entries);
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("exported " + entries + " entries from jdbc:postgresql://");
        assertThat(files(exported)).isEqualTo(files(committed));
    }

    @Test
    void evaluate_shares_concepts_through_the_database_and_replays_them() throws Exception {
        // GIVEN an evaluator calibrated (briefly: no cross-validation, few epochs) with its concepts stored in the database
        List<LabelledSample> samples = TestData.english();
        Path data = dir.resolve("labels.jsonl");
        Samples.write(data, samples);
        Path model = dir.resolve("model");
        ClaveCliTest.Run calibrate = run("calibrate", "--value-system", "safety-responsibility", "--data", data.toString(),
                "--out", model.toString(), "--cache-store", "jdbc", "--cache-jdbc-url", url, "--cache-jdbc-user", "postgres",
                "--folds", "0", "--epochs", "20", "--quiet");
        assertThat(calibrate.exitCode()).as(calibrate.err()).isZero();
        long distinctTexts = samples.stream().map(s -> s.scenario() + "\u0000" + s.text()).distinct().count();
        assertThat(rows(url)).isEqualTo(distinctTexts);

        // WHEN texts of the calibration data are evaluated in replay mode against the database, and then one it lacks
        Path in = dir.resolve("texts.jsonl");
        Samples.writeJsonl(in, List.of(new TextInput(samples.get(0).text(), samples.get(0).scenario(), "known")));
        ClaveCliTest.Run replay = run("evaluate", "--model", model.toString(), "--in", in.toString(), "--out",
                dir.resolve("out.jsonl").toString(), "--cache-store", "jdbc", "--cache-jdbc-url", url, "--cache-jdbc-user",
                "postgres", "--cache-mode", "replay", "--quiet");
        Path unknown = dir.resolve("unknown.jsonl");
        Samples.writeJsonl(unknown, List.of(new TextInput("A text nobody recorded.", null, "new")));
        ClaveCliTest.Run miss = run("evaluate", "--model", model.toString(), "--in", unknown.toString(), "--out",
                dir.resolve("out2.jsonl").toString(), "--cache-store", "jdbc", "--cache-jdbc-url", url, "--cache-jdbc-user",
                "postgres", "--cache-mode", "replay", "--quiet");

        // THEN the known text is evaluated from the database; the unknown one fails naming it
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(1);
        assertThat(miss.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(miss.err()).contains("'new' \"A text nobody recorded.\"").contains("the cache mode is replay");
        assertThat(rows(url)).isEqualTo(distinctTexts);
    }

    @Test
    void an_unknown_store_lists_the_known_ones() throws IOException {
        Path texts = Files.writeString(dir.resolve("texts.jsonl"), "{\"text\": \"Our shop opens at nine.\"}\n");
        ClaveCliTest.Run run = run("evaluate", "--model", dir.toString(), "--in", texts.toString(), "--out",
                dir.resolve("out.jsonl").toString(), "--cache-store", "redis");

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(run.err()).contains("Unknown concept cache store 'redis'. Valid concept cache stores are: directory, jdbc, memory");
    }

    @Test
    void a_password_in_the_url_is_refused_and_never_printed() {
        ClaveCliTest.Run run = run("cache", "export", "--to", dir.toString(), "--cache-jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/clave?password=hunter2");

        assertThat(run.exitCode()).isEqualTo(ClaveCli.EXIT_CONFIGURATION);
        assertThat(run.err()).contains("CLAVE_CACHE_JDBC_PASSWORD").doesNotContain("hunter2");
        assertThat(run.out()).doesNotContain("hunter2");
    }
}
