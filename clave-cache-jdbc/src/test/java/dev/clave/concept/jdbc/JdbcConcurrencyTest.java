package dev.clave.concept.jdbc;

import dev.clave.concept.Concept;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.clave.concept.jdbc.Fixtures.concepts;
import static dev.clave.concept.jdbc.Fixtures.context;
import static dev.clave.concept.jdbc.Fixtures.count;
import static dev.clave.concept.jdbc.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

/** Many writers of the same keys, in threads and in two JVMs, against a real PostgreSQL server. */
class JdbcConcurrencyTest {

    private static final int KEYS = 300;

    private final String url = TestDatabase.newDatabase();

    /** Each thread writes every key (in its own shuffled order) and reads it back; returns nothing, throws on error. */
    static void writeAll(JdbcConceptCache cache, int keys, int threads, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Integer> order = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
                Collections.shuffle(order, new Random(seed * 31 + t));
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k : order) {
                        cache.put(key(k), context(k), concepts(k));
                        if (!cache.get(key(k), context(k)).orElseThrow().equals(concepts(k))) {
                            throw new AssertionError("key " + k + " read back other concepts");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void many_threads_writing_the_same_keys_leave_exactly_one_whole_row_per_key() throws Exception {
        // GIVEN one store shared by 8 threads, on a database whose schema does not exist yet
        JdbcConceptCache cache = JdbcConceptCache.of(TestDatabase.settings(url));

        // WHEN every thread writes all 300 keys at once
        writeAll(cache, KEYS, 8, 1);

        // THEN every key has one row with its concepts: none lost, none duplicated
        assertRows();
        assertThat(cache.stats().writes()).isEqualTo(KEYS);
    }

    @Test
    void two_jvms_and_their_threads_writing_the_same_keys_leave_exactly_one_whole_row_per_key() throws Exception {
        // GIVEN a second JVM with its own store, ready to write the same keys, and both racing to create the schema
        Process other = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                JdbcWriterMain.class.getName(), url, Integer.toString(KEYS), "4")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(nextProtocolLine(out)).isEqualTo("ready");

            // WHEN both JVMs write every key from 4 threads each, at the same time
            in.write("go\n");
            in.flush();
            JdbcConceptCache cache = JdbcConceptCache.of(TestDatabase.settings(url));
            writeAll(cache, KEYS, 4, 2);
            assertThat(nextProtocolLine(out)).isEqualTo("done");
        }
        assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(other.exitValue()).isZero();

        // THEN every key has one whole row, and the schema was created once
        assertRows();
        assertThat(count(url, "SELECT count(*) FROM clave_cache_schema")).isEqualTo(Schema.CURRENT);
    }

    private void assertRows() {
        assertThat(count(url, "SELECT count(*) FROM clave_concept_cache")).isEqualTo(KEYS);
        assertThat(count(url, "SELECT count(DISTINCT key_hash) FROM clave_concept_cache")).isEqualTo(KEYS);
        JdbcConceptCache reader = JdbcConceptCache.of(TestDatabase.settings(url));
        for (int k = 0; k < KEYS; k++) {
            List<Concept> concepts = reader.get(key(k), context(k)).orElseThrow(() -> new AssertionError("lost a key"));
            assertThat(concepts).isEqualTo(concepts(k));
        }
        assertThat(reader.stats().corrupt()).isZero();
    }

    /** The next line of the other JVM that is not a log line. */
    private static String nextProtocolLine(BufferedReader out) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("ready") || line.equals("done")) {
                return line;
            }
        }
        return "<end of output>";
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
