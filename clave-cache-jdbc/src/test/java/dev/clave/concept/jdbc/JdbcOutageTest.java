package dev.clave.concept.jdbc;

import dev.clave.ClaveTransientException;
import dev.clave.concept.CacheMode;
import dev.clave.concept.CachingConceptExtractor;
import dev.clave.concept.Concept;
import dev.clave.concept.ConceptCache;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.TextInput;
import dev.clave.value.ValueSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import static dev.clave.concept.jdbc.Fixtures.EXTRACTOR;
import static dev.clave.concept.jdbc.Fixtures.SYSTEM;
import static dev.clave.concept.jdbc.Fixtures.count;
import static dev.clave.concept.jdbc.Fixtures.key;
import static dev.clave.concept.jdbc.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The database goes away: mid-run, or was never there. */
class JdbcOutageTest {

    @TempDir
    Path dataDirectory;

    @TempDir
    Path exportDirectory;

    /** Extracts one text at a time, hands each over at once, and runs {@code before} ahead of text number {@code at}. */
    static final class StepExtractor implements ConceptExtractor {
        private final int at;
        private final Runnable before;
        int extracted;

        StepExtractor(int at, Runnable before) {
            this.at = at;
            this.before = before;
        }

        @Override
        public String id() {
            return EXTRACTOR.id();
        }

        @Override
        public String version() {
            return EXTRACTOR.version();
        }

        @Override
        public List<Concept> extract(TextInput text, ValueSystem valueSystem) {
            return EXTRACTOR.extract(text, valueSystem);
        }

        @Override
        public List<List<Concept>> extractAll(List<TextInput> texts, ValueSystem valueSystem,
                                              BiConsumer<TextInput, List<Concept>> onExtracted) {
            List<List<Concept>> all = new ArrayList<>();
            for (TextInput text : texts) {
                if (extracted == at) {
                    before.run();
                }
                List<Concept> concepts = extract(text, valueSystem);
                extracted++;
                onExtracted.accept(text, concepts);
                all.add(concepts);
            }
            return all;
        }
    }

    private EmbeddedPostgres start(int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_server_stopped_mid_run_fails_clearly_and_leaves_only_whole_rows_of_the_texts_stored_before() {
        // GIVEN a server, and an extractor that stops it before the 6th of 10 texts
        int port = freePort();
        EmbeddedPostgres server = start(port);
        String url = TestDatabase.newDatabase(server);
        JdbcConceptCache cache = JdbcConceptCache.of(TestDatabase.settings(url));
        List<TextInput> texts = IntStream.range(0, 10).mapToObj(Fixtures::text).toList();
        StepExtractor extractor = new StepExtractor(5, () -> stop(server));
        CachingConceptExtractor caching = new CachingConceptExtractor(extractor, cache, CacheMode.READ_WRITE);

        // WHEN the batch is evaluated
        ClaveTransientException error = catchThrowableOfType(ClaveTransientException.class,
                () -> caching.extractAll(texts, SYSTEM));

        // THEN the run fails at once with a message that names the server and how to go on
        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .startsWith("The concept cache database at " + TestDatabase.settings(url).describeUrl() + " cannot be reached")
                .contains("while trying to store an entry; nothing was half-written")
                .contains("clave cache export");
        assertThat(extractor.extracted).isEqualTo(6);

        // AND after a restart the database holds exactly the five texts stored before, each whole
        EmbeddedPostgres restarted = start(port);
        try {
            assertThat(count(url, "SELECT count(*) FROM clave_concept_cache")).isEqualTo(5);
            // the same store goes on: its stale connections are replaced transparently
            for (int n = 0; n < 5; n++) {
                assertThat(cache.get(key(n), Fixtures.context(n))).contains(EXTRACTOR.extract(text(n), SYSTEM));
            }
            assertThat(cache.get(key(5), Fixtures.context(5))).isEmpty();
            JdbcConceptCache fresh = JdbcConceptCache.of(TestDatabase.settings(url));
            for (int n = 0; n < 5; n++) {
                assertThat(fresh.get(key(n), Fixtures.context(n))).contains(EXTRACTOR.extract(text(n), SYSTEM));
            }
            assertThat(fresh.stats().corrupt()).isZero();
        } finally {
            stop(restarted);
        }
    }

    @Test
    void no_server_at_all_fails_the_first_lookup_clearly_instead_of_hanging() {
        // GIVEN a URL where nothing listens
        String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/clave";
        CachingConceptExtractor replay = new CachingConceptExtractor(EXTRACTOR,
                JdbcConceptCache.builder().settings(TestDatabase.settings(url)).readOnly(true).build(), CacheMode.REPLAY);

        // WHEN / THEN
        assertThatThrownBy(() -> replay.extract(text(1), SYSTEM))
                .isInstanceOf(ClaveTransientException.class)
                .hasMessageStartingWith("The concept cache database at " + url + " cannot be reached")
                .hasMessageContaining("--cache DIR --cache-mode replay");
    }

    @Test
    void an_export_replays_in_ci_with_no_server_at_all() {
        // GIVEN texts recorded in the database, exported into a directory cache
        int port = freePort();
        EmbeddedPostgres server = start(port);
        String url = TestDatabase.newDatabase(server);
        List<TextInput> texts = IntStream.range(0, 20).mapToObj(Fixtures::text).toList();
        List<List<Concept>> recorded = new CachingConceptExtractor(EXTRACTOR, JdbcConceptCache.of(TestDatabase.settings(url)),
                CacheMode.READ_WRITE).extractAll(texts, SYSTEM);
        ConceptCache directory = ConceptCache.directory(exportDirectory);
        long exported = JdbcConceptCache.of(TestDatabase.settings(url)).forEachEntry(null, null,
                entry -> directory.put(entry.key(), entry.context(), entry.concepts()));

        // WHEN the server is gone and CI replays from the export, with an extractor that must never be called
        stop(server);
        StepExtractor never = new StepExtractor(0, () -> {
            throw new AssertionError("replay must not extract");
        });
        List<List<Concept>> replayed = new CachingConceptExtractor(never, ConceptCache.directory(exportDirectory),
                CacheMode.REPLAY).extractAll(texts, SYSTEM);

        // THEN every text is served from the export, exactly as recorded
        assertThat(exported).isEqualTo(20);
        assertThat(replayed).isEqualTo(recorded);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
