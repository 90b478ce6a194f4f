package dev.clave.junit;

import dev.clave.concept.jdbc.TestDatabase;
import dev.clave.evaluation.ClaveEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The concept cache store is chosen by configuration ({@code clave.cache.store}), with the store's own keys. */
class CacheStoreTest {

    static final String TEXT = "Unplug the router, wait ten seconds and plug it back in; call us if the light stays red.";

    @ClaveTest(valueSystem = Fixtures.VALUE_SYSTEM, calibration = Fixtures.CALIBRATION)
    static class EvaluatesOneTextTestCase {
        @Test
        void evaluates(ClaveEvaluator clave) {
            assertThat(clave.evaluate(TEXT).verdicts()).isNotEmpty();
        }
    }

    private static long rowsWithText(String url, String text) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM clave_concept_cache WHERE text = ?")) {
            query.setString(1, text);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The settings of {@code jdbc-cache.properties}, which the README quotes. */
    private static Map<String, String> readmeSettings() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CacheStoreTest.class.getResourceAsStream("jdbc-cache.properties")) {
            assertThat(in).as("jdbc-cache.properties").isNotNull();
            properties.load(in);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    @Test
    void the_jdbc_store_named_in_the_configuration_keeps_the_concepts_in_the_database_and_replays_them() throws Exception {
        // GIVEN the README's junit-platform.properties of the jdbc store, naming a database on a real PostgreSQL server
        String url = TestDatabase.newDatabase();
        Map<String, String> database = readmeSettings();
        assertThat(database).containsEntry("clave.cache.store", "jdbc").containsKeys("clave.cache.jdbc.url",
                "clave.cache.jdbc.user");
        database.put("clave.cache.jdbc.url", url);
        database.put("clave.cache.jdbc.user", "postgres");

        // WHEN a test evaluates a text, then again in replay mode
        EngineExecutionResults first = Fixtures.run(database, EvaluatesOneTextTestCase.class);
        long afterFirst = rowsWithText(url, TEXT);
        Map<String, String> replay = new HashMap<>(database);
        replay.put("clave.cache.mode", "replay");
        EngineExecutionResults second = Fixtures.run(replay, EvaluatesOneTextTestCase.class);

        // THEN the text's concepts went into the database once, and replay found them there
        first.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(afterFirst).isEqualTo(1);
        second.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(rowsWithText(url, TEXT)).isEqualTo(1);
    }

    @Test
    void an_unknown_store_lists_the_stores_on_the_class_path_and_where_it_was_set() {
        EngineExecutionResults results = Fixtures.run(Map.of("clave.cache.store", "redis"), EvaluatesOneTextTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(Fixtures.failureMessage(results.testEvents().failed().list().get(0)))
                .contains("Unknown concept cache store 'redis'. Valid concept cache stores are: directory, jdbc, memory")
                .endsWith("(set by configuration parameter clave.cache.store)");
    }
}
