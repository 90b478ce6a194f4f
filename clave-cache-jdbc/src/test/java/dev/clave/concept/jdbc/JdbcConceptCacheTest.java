package dev.clave.concept.jdbc;

import dev.clave.ClaveConfigurationException;
import dev.clave.concept.CacheKey;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CacheSettings;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptCaches;
import dev.clave.concept.StoredConcepts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.clave.concept.jdbc.Fixtures.EXTRACTOR;
import static dev.clave.concept.jdbc.Fixtures.SYSTEM;
import static dev.clave.concept.jdbc.Fixtures.concepts;
import static dev.clave.concept.jdbc.Fixtures.context;
import static dev.clave.concept.jdbc.Fixtures.count;
import static dev.clave.concept.jdbc.Fixtures.execute;
import static dev.clave.concept.jdbc.Fixtures.key;
import static dev.clave.concept.jdbc.Fixtures.strings;
import static dev.clave.concept.jdbc.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcConceptCacheTest {

    private final String url = TestDatabase.newDatabase();

    private JdbcConceptCache store() {
        return JdbcConceptCache.of(TestDatabase.settings(url));
    }

    @Test
    void creates_the_schema_on_first_use_and_records_its_version() {
        // GIVEN an empty database and a store that has not been used yet
        JdbcConceptCache cache = store();
        assertThat(count(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'clave%'")).isZero();

        // WHEN it is first asked for an entry
        assertThat(cache.get(key(1), context(1))).isEmpty();

        // THEN the tables exist and every migration is recorded, in order
        assertThat(strings(url, "SELECT version || ' ' || description FROM clave_cache_schema ORDER BY version"))
                .containsExactly("1 concept cache entries", "2 index for exports of one extractor and value system");
        assertThat(cache.schemaVersion()).isEqualTo(Schema.CURRENT).isEqualTo(2);
    }

    @Test
    void migrates_a_version_1_database_and_keeps_its_rows() throws SQLException {
        // GIVEN a database at schema version 1 holding one entry (as an older Clave left it)
        try (Connection connection = DriverManager.getConnection(url)) {
            Schema.migrate(connection, 1, url);
        }
        try (JdbcConceptCache old = store()) {
            execute(url, "DELETE FROM clave_cache_schema WHERE version = 2");
            execute(url, "DROP INDEX IF EXISTS clave_concept_cache_by_extractor");
        }
        execute(url, "INSERT INTO clave_concept_cache (key_hash, extractor_id, extractor_version, value_system, text_sha256, "
                + "scenario, text, concepts) VALUES ('" + key(1).hash() + "', '" + key(1).extractorId() + "', '"
                + key(1).extractorVersion() + "', '" + key(1).valueSystem() + "', '" + key(1).textSha256() + "', 'prompt 1', "
                + "'Answer number 1. Be kind to people.', '[{\"text\": \"old concept\"}]')");

        // WHEN a store of this version uses it
        JdbcConceptCache cache = store();
        Optional<List<Concept>> served = cache.get(key(1), context(1));

        // THEN it migrated to version 2 (the index exists) and serves the old row
        assertThat(served).contains(List.of(new Concept("old concept")));
        assertThat(strings(url, "SELECT version::text FROM clave_cache_schema ORDER BY version")).containsExactly("1", "2");
        assertThat(count(url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'clave_concept_cache_by_extractor'")).isOne();
    }

    @Test
    void refuses_a_database_whose_schema_is_newer_than_it_knows() {
        store().get(key(1), context(1));
        execute(url, "INSERT INTO clave_cache_schema (version, description) VALUES (99, 'from the future')");

        assertThatThrownBy(() -> store().get(key(1), context(1)))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("has schema version 99, newer than this Clave knows (2)")
                .hasMessageContaining("Upgrade Clave");
    }

    @Test
    void serves_what_it_stored_across_stores_like_the_directory_store() {
        // GIVEN an entry with and one without a scenario, stored by one store
        JdbcConceptCache writer = store();
        writer.put(key(1), context(1), concepts(1));
        CacheKey noScenario = CacheKey.of(EXTRACTOR, SYSTEM, new dev.clave.data.TextInput("No prompt here."));
        writer.put(noScenario, new ConceptCache.CacheEntryContext("No prompt here.", null), List.of(new Concept("x")));

        // WHEN another store (another runner) reads them
        JdbcConceptCache reader = store();

        // THEN both come back whole, and an unknown key is a miss
        assertThat(reader.get(key(1), context(1))).contains(concepts(1));
        assertThat(reader.get(noScenario, new ConceptCache.CacheEntryContext("No prompt here.", null))).contains(List.of(new Concept("x")));
        assertThat(reader.get(key(2), context(2))).isEmpty();
        assertThat(reader.stats().hits()).isEqualTo(2);
        assertThat(reader.stats().misses()).isEqualTo(1);
        assertThat(strings(url, "SELECT scenario FROM clave_concept_cache WHERE key_hash = '" + key(1).hash() + "'"))
                .containsExactly("prompt 1");
    }

    @Test
    void asks_the_database_once_per_text_and_looks_a_batch_up_in_one_query() {
        // GIVEN 200 stored entries
        store().putAll(java.util.stream.IntStream.range(0, 200)
                .mapToObj(n -> new StoredConcepts(key(n), context(n), concepts(n))).toList());
        JdbcConceptCache cache = store();

        // WHEN a batch of 300 keys (200 stored) is looked up, then the same batch again
        Map<CacheKey, ConceptCache.CacheEntryContext> batch = new LinkedHashMap<>();
        for (int n = 0; n < 300; n++) {
            batch.put(key(n), context(n));
        }
        Map<CacheKey, List<Concept>> first = cache.getAll(batch);
        Map<CacheKey, List<Concept>> second = cache.getAll(batch);

        // THEN the first asked the database once, in one query; the second asked only about the 100 misses
        assertThat(first).hasSize(200).containsEntry(key(7), concepts(7)).doesNotContainKey(key(250));
        assertThat(second).isEqualTo(first);
        assertThat(new ArrayList<>(first.keySet()).subList(0, 2)).containsExactly(key(0), key(1));
        assertThat(cache.databaseLookups()).isEqualTo(2);
        assertThat(cache.localHits()).isEqualTo(200);
        assertThat(cache.stats().misses()).isEqualTo(200);
    }

    @Test
    void keeps_the_first_writers_concepts_when_two_stores_write_one_key() {
        // GIVEN two runners that extracted different concepts for the same text
        JdbcConceptCache first = store();
        JdbcConceptCache second = store();
        first.put(key(1), context(1), List.of(new Concept("first writer")));

        // WHEN the second stores its concepts too
        second.put(key(1), context(1), List.of(new Concept("second writer")));

        // THEN there is one row, the first writer's, and the second runner now serves it too
        assertThat(count(url, "SELECT count(*) FROM clave_concept_cache")).isOne();
        assertThat(second.get(key(1), context(1))).contains(List.of(new Concept("first writer")));
        assertThat(first.stats().writes()).isOne();
        assertThat(second.stats().writes()).isZero();
    }

    @Test
    void reports_a_corrupt_row_serves_it_as_a_miss_and_replaces_it_when_re_extracted() {
        // GIVEN a stored entry whose concepts were damaged in the database
        CachingConceptExtractor first = new CachingConceptExtractor(EXTRACTOR, store(), CacheMode.READ_WRITE);
        List<Concept> expected = first.extract(text(1), SYSTEM);
        first.extract(text(2), SYSTEM);
        first.extract(text(3), SYSTEM);
        execute(url, "UPDATE clave_concept_cache SET concepts = '[{\"text\": \"\"}]' WHERE key_hash = '" + key(1).hash() + "'");
        execute(url, "UPDATE clave_concept_cache SET concepts = '{\"oops\": true}' WHERE key_hash = '" + key(2).hash() + "'");
        // a number where a concept's text belongs is damage too, never coerced into the concept "42"
        execute(url, "UPDATE clave_concept_cache SET concepts = '[{\"text\": 42}]' WHERE key_hash = '" + key(3).hash() + "'");

        // WHEN another runner evaluates the texts again
        JdbcConceptCache cache = store();
        CachingConceptExtractor second = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);
        List<List<Concept>> again = second.extractAll(List.of(text(1), text(2), text(3)), SYSTEM);

        // THEN every row was reported (key hash and table named), re-extracted, and replaced with whole rows
        assertThat(again.get(0)).isEqualTo(expected);
        assertThat(again.get(2)).isEqualTo(EXTRACTOR.extract(text(3), SYSTEM));
        assertThat(cache.stats().corrupt()).isEqualTo(3);
        assertThat(cache.stats().problems()).hasSize(3).allSatisfy(p -> assertThat(p)
                .contains("in clave_concept_cache at " + TestDatabase.settings(url).describeUrl())
                .endsWith("it is skipped and will be re-extracted"));
        assertThat(cache.stats().problems()).anySatisfy(p -> assertThat(p).contains(key(1).hash()));
        assertThat(store().get(key(1), context(1))).contains(expected);
        assertThat(store().get(key(2), context(2))).contains(EXTRACTOR.extract(text(2), SYSTEM));
        assertThat(store().get(key(3), context(3))).contains(EXTRACTOR.extract(text(3), SYSTEM));
        assertThat(count(url, "SELECT count(*) FROM clave_concept_cache")).isEqualTo(3);
    }

    @Test
    void a_row_with_the_key_columns_of_another_entry_is_corrupt() {
        store().put(key(1), context(1), concepts(1));
        execute(url, "UPDATE clave_concept_cache SET value_system = 'moral-foundations@1'");

        JdbcConceptCache cache = store();

        assertThat(cache.get(key(1), context(1))).isEmpty();
        assertThat(cache.stats().problems()).singleElement().asString().contains("holds the key columns of another entry");
    }

    @Test
    void a_read_only_store_never_creates_tables_and_says_how_to_seed_the_database() {
        JdbcConceptCache readOnly = JdbcConceptCache.builder().settings(TestDatabase.settings(url)).readOnly(true).build();

        assertThatThrownBy(() -> readOnly.get(key(1), context(1)))
                .isInstanceOf(ClaveConfigurationException.class)
                .hasMessageContaining("has no concept cache tables yet")
                .hasMessageContaining("clave cache import");
        assertThat(count(url, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'clave%'")).isZero();
        assertThatThrownBy(() -> readOnly.put(key(1), context(1), concepts(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void replay_mode_chosen_by_configuration_serves_recorded_texts_and_names_a_missing_one() {
        store().put(key(1), context(1), concepts(1));
        CacheSettings settings = CacheSettings.fromProperties(Map.of(CacheSettings.STORE, "jdbc", CacheSettings.MODE, "replay",
                JdbcCacheSettings.URL, url, JdbcCacheSettings.USER, "postgres")::get, Path.of("."));
        CachingConceptExtractor replay = ConceptCaches.cached(EXTRACTOR, settings, name -> null);
        JdbcConceptCache readOnly = (JdbcConceptCache) replay.cache();

        assertThat(replay.extract(text(1), SYSTEM)).isEqualTo(concepts(1));
        assertThatThrownBy(() -> replay.extract(text(2), SYSTEM))
                .isInstanceOf(dev.clave.concept.ConceptCacheMissException.class)
                .hasMessageContaining("Answer number 2.");
        assertThat(readOnly.readOnly()).isTrue();
    }

    @Test
    void lists_entries_of_one_extractor_and_value_system_for_an_export() {
        store().putAll(List.of(new StoredConcepts(key(1), context(1), concepts(1)),
                new StoredConcepts(key(2), context(2), concepts(2))));
        CacheKey otherSystem = new CacheKey(EXTRACTOR.id(), EXTRACTOR.version(), "moral-foundations@1", key(3).textSha256());
        store().put(otherSystem, context(3), concepts(3));

        List<StoredConcepts> schwartz = new ArrayList<>();
        long count = store().forEachEntry(EXTRACTOR.id(), SYSTEM.qualifiedId(), schwartz::add);
        List<StoredConcepts> all = new ArrayList<>();
        store().forEachEntry(null, null, all::add);

        assertThat(count).isEqualTo(2);
        assertThat(schwartz).extracting(StoredConcepts::key).containsExactlyInAnyOrder(key(1), key(2));
        assertThat(schwartz).filteredOn(e -> e.key().equals(key(1))).singleElement()
                .satisfies(e -> assertThat(e.context()).isEqualTo(context(1)));
        assertThat(all).hasSize(3);
    }
}
