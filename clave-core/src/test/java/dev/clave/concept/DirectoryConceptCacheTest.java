package dev.clave.concept;

import dev.clave.data.TextInput;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryConceptCacheTest {

    private static final ValueSystem SYSTEM = ValueSystems.builtIn("schwartz");
    private static final ConceptExtractor EXTRACTOR = new SentenceConceptExtractor();

    @TempDir
    Path dir;

    static CacheKey key(String text) {
        return CacheKey.of(EXTRACTOR, SYSTEM, new TextInput(text, "scenario"));
    }

    static ConceptCache.CacheEntryContext context(String text) {
        return new ConceptCache.CacheEntryContext(text, "scenario");
    }

    @Test
    void stores_and_serves_concepts_across_instances() {
        List<Concept> concepts = List.of(new Concept("refuses to help", List.of("security")), new Concept("stays polite"));
        ConceptCache.directory(dir).put(key("text"), context("text"), concepts);

        ConceptCache reopened = ConceptCache.directory(dir);

        assertThat(reopened.get(key("text"), context("text"))).contains(concepts);
        assertThat(reopened.get(key("other"), context("other"))).isEmpty();
        assertThat(reopened.stats()).satisfies(s -> {
            assertThat(s.hits()).isEqualTo(1);
            assertThat(s.misses()).isEqualTo(1);
            assertThat(s.corrupt()).isZero();
        });
    }

    @Test
    void stores_concept_vectors_by_encoder_and_serves_them_to_another_instance() {
        float[] vector = {0.25f, -1.5f, 3e-8f, 0f};
        ConceptCache.directory(dir).putVectors("enc-a", java.util.Map.of("refuses to help", vector));

        ConceptCache reopened = ConceptCache.directory(dir);

        assertThat(reopened.vectors("enc-a", List.of("refuses to help", "never stored"))).containsOnlyKeys("refuses to help")
                .hasEntrySatisfying("refuses to help", v -> assertThat(v).containsExactly(vector));
        assertThat(reopened.vectors("enc-b", List.of("refuses to help"))).isEmpty();
        assertThat(((DirectoryConceptCache) reopened).vectorFileOf("enc-a", "refuses to help"))
                .startsWith(dir.resolve(DirectoryConceptCache.VECTORS).resolve("enc-a"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all",
            "{\"format\":1,\"encoder\":\"enc\",\"concept\":\"other concept\",\"vector\":\"AACAPw==\"}",
            "{\"format\":1,\"encoder\":\"enc\",\"concept\":\"c\",\"vector\":\"AACA\"}",
            "{\"format\":1,\"encoder\":\"enc\",\"concept\":\"c\",\"vector\":42}",
            "{\"format\":1,\"encoder\":\"enc\",\"concept\":\"c\",\"vector\":\"AADAfw==\"}",
            "{\"format\":1,\"encoder\":\"enc\",\"concept\":\"c\",\"vector\":\"AACAPw==\",\"extra\":1}"})
    void a_damaged_vector_file_is_reported_and_its_concept_encoded_again(String content) throws IOException {
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.putVectors("enc", java.util.Map.of("c", new float[] {1f}));
        assertThat(cache.vectors("enc", List.of("c"))).containsOnlyKeys("c");
        Files.writeString(cache.vectorFileOf("enc", "c"), content);

        assertThat(cache.vectors("enc", List.of("c"))).isEmpty();
        assertThat(cache.stats().problems()).singleElement().asString().contains(cache.vectorFileOf("enc", "c").toString())
                .contains("encoded again");
    }

    @Test
    void vectors_are_kept_only_in_read_write_mode() {
        ConceptCache cache = ConceptCache.inMemory();
        new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_ONLY).vectors()
                .put("enc", java.util.Map.of("c", new float[] {1f}));
        assertThat(cache.vectors("enc", List.of("c"))).isEmpty();
        CachingConceptExtractor readWrite = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);
        readWrite.vectors().put("enc", java.util.Map.of("c", new float[] {1f}));
        assertThat(new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.REPLAY).vectors().get("enc", List.of("c")))
                .containsOnlyKeys("c");
        assertThat(CachingConceptExtractor.vectorsOf(EXTRACTOR)).isSameAs(dev.clave.embedding.VectorStore.NONE);
    }

    @Test
    void writes_the_same_bytes_for_the_same_entry_so_committed_caches_diff_cleanly() throws IOException {
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        List<Concept> concepts = List.of(new Concept("b"), new Concept("a", List.of("power")));
        cache.put(key("t"), context("t"), concepts);
        byte[] first = Files.readAllBytes(cache.fileOf(key("t")));

        cache.put(key("t"), context("t"), concepts);

        assertThat(Files.readAllBytes(cache.fileOf(key("t")))).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\n  \"key\" : {").contains("\"text\" : \"t\"");
    }

    @Test
    void keys_change_with_extractor_version_value_system_version_scenario_and_text() {
        TextInput text = new TextInput("same text", "same scenario");
        CacheKey base = CacheKey.of(EXTRACTOR, SYSTEM, text);
        ConceptExtractor newVersion = new ConceptExtractor() {
            public String id() {
                return EXTRACTOR.id();
            }

            public String version() {
                return "2";
            }

            public List<Concept> extract(TextInput t, ValueSystem s) {
                return List.of();
            }
        };
        ValueSystem edited = new ValueSystem(SYSTEM.id(), SYSTEM.name(), "2", SYSTEM.description(), SYSTEM.values());

        assertThat(List.of(CacheKey.of(newVersion, SYSTEM, text), CacheKey.of(EXTRACTOR, edited, text),
                CacheKey.of(EXTRACTOR, SYSTEM, new TextInput("same text", "other scenario")),
                CacheKey.of(EXTRACTOR, SYSTEM, new TextInput("other text", "same scenario"))))
                .allSatisfy(other -> assertThat(other.hash()).isNotEqualTo(base.hash()));
        assertThat(CacheKey.of(EXTRACTOR, SYSTEM, new TextInput("same text", "same scenario", "an id")).hash())
                .isEqualTo(base.hash());
    }

    @Test
    void a_corrupt_entry_is_reported_and_skipped_without_touching_the_others() throws IOException {
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.put(key("good"), context("good"), List.of(new Concept("fine")));
        cache.put(key("bad"), context("bad"), List.of(new Concept("will break")));
        Path bad = cache.fileOf(key("bad"));
        Files.writeString(bad, Files.readString(bad).substring(0, 40));

        DirectoryConceptCache reader = (DirectoryConceptCache) ConceptCache.directory(dir);

        assertThat(reader.get(key("bad"), context("bad"))).isEmpty();
        assertThat(reader.get(key("bad"), context("bad"))).isEmpty();
        assertThat(reader.get(key("good"), context("good"))).contains(List.of(new Concept("fine")));
        assertThat(reader.stats().corrupt()).isEqualTo(1);
        assertThat(reader.stats().problems()).singleElement().asString()
                .contains(bad.toString()).contains("is not a valid cache entry").contains("will be re-extracted");
    }

    @Test
    void an_entry_moved_under_another_key_counts_as_corrupt() throws IOException {
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.put(key("a"), context("a"), List.of(new Concept("from a")));
        Files.createDirectories(cache.fileOf(key("b")).getParent());
        Files.copy(cache.fileOf(key("a")), cache.fileOf(key("b")));

        assertThat(cache.get(key("b"), context("b"))).isEmpty();
        assertThat(cache.stats().problems()).singleElement().asString().contains("holds another key");
    }

    @Test
    void a_corrupt_entry_is_replaced_by_the_next_extraction() throws IOException {
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.put(key("Be kind. Share food."), context("Be kind. Share food."), List.of(new Concept("stale")));
        Files.writeString(cache.fileOf(key("Be kind. Share food.")), "{not json");
        CachingConceptExtractor extractor = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);

        List<Concept> concepts = extractor.extract(new TextInput("Be kind. Share food.", "scenario"), SYSTEM);

        assertThat(concepts).extracting(Concept::text).containsExactly("Be kind. Share food.");
        assertThat(ConceptCache.directory(dir).get(key("Be kind. Share food."), context("Be kind. Share food.")))
                .contains(concepts);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a number as a concept's text       | "text" : "a good concept"                  | "text" : 42                                | whose "text" is a number, not a string
            a boolean as a concept's text      | "text" : "a good concept"                  | "text" : true                              | whose "text" is a boolean, not a string
            an object as a concept's text      | "text" : "a good concept"                  | "text" : {"a": 1}                          | whose "text" is an object, not a string
            a string where values belong       | "text" : "a good concept"                  | "text" : "a good concept", "values": "power" | whose "values" is a string, not an array
            a number among the values          | "text" : "a good concept"                  | "text" : "a good concept", "values": [7]   | naming a number, not a value id
            an invisible concept               | "text" : "a good concept"                  | "text" : "\\u200B"                          | has no visible characters
            a format that is a string          | "format" : 1                               | "format" : "1"                             | has format "1"
            a field given twice                | "format" : 1                               | "format" : 1, "format" : 1                 | Duplicate field
            an unexpected field                | "format" : 1                               | "format" : 1, "extra" : 1                  | has an unexpected field "extra"
            """)
    void an_entry_of_the_wrong_shape_is_reported_and_extracted_again_never_coerced(String what, String good, String bad,
                                                                                   String problem) throws IOException {
        // GIVEN an entry whose JSON was edited into the wrong shape
        String text = "Be kind. Share food with the neighbours.";
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.put(key(text), context(text), List.of(new Concept("a good concept")));
        Path file = cache.fileOf(key(text));
        String json = Files.readString(file);
        assertThat(json).contains(good);
        Files.writeString(file, json.replace(good, bad));
        DirectoryConceptCache reader = (DirectoryConceptCache) ConceptCache.directory(dir);
        CachingConceptExtractor extractor = new CachingConceptExtractor(EXTRACTOR, reader, CacheMode.READ_WRITE);

        // WHEN the text's concepts are asked for
        List<Concept> concepts = extractor.extract(new TextInput(text, "scenario"), SYSTEM);

        // THEN the entry is reported as corrupt, the text extracted again (nothing coerced) and the entry rewritten
        assertThat(concepts).extracting(Concept::text).containsExactly(text);
        assertThat(reader.stats().misses()).isEqualTo(1);
        assertThat(reader.stats().problems()).singleElement().asString().contains(file.toString()).contains(problem)
                .contains("will be re-extracted");
        assertThat(ConceptCache.directory(dir).get(key(text), context(text))).contains(concepts);
    }

    @Test
    void a_cached_concept_naming_a_value_the_system_lacks_is_extracted_again() {
        String text = "Be kind. Share food with the neighbours.";
        ConceptCache cache = ConceptCache.directory(dir);
        cache.put(key(text), context(text), List.of(new Concept("edited by hand", List.of("honesty"))));
        CachingConceptExtractor extractor = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);

        List<Concept> concepts = extractor.extract(new TextInput(text, "scenario"), SYSTEM);

        assertThat(concepts).extracting(Concept::text).containsExactly(text);
        assertThat(ConceptCache.directory(dir).get(key(text), context(text))).contains(concepts);
    }

    @Test
    void a_directory_in_the_place_of_an_entry_is_reported_not_a_crash() throws IOException {
        String text = "Be kind. Share food with the neighbours.";
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        Path file = cache.fileOf(key(text));
        Files.createDirectories(file.resolve("inside"));
        CachingConceptExtractor extractor = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);

        List<Concept> concepts = extractor.extract(new TextInput(text, "scenario"), SYSTEM);

        assertThat(concepts).extracting(Concept::text).containsExactly(text);
        assertThat(cache.stats().corrupt()).isEqualTo(1);
        assertThat(cache.stats().problems()).singleElement().asString().contains(file.toString())
                .contains("is a directory, not an entry file");
        assertThat(Files.isDirectory(file)).isTrue();
    }

    @Test
    void a_file_as_the_cache_directory_is_a_configuration_error() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> ConceptCache.directory(file))
                .isInstanceOf(dev.clave.ClaveConfigurationException.class)
                .hasMessageContaining("is a file, not a directory");
    }

    @Test
    void concurrent_threads_never_see_or_leave_a_partial_entry() throws Exception {
        ConceptCache cache = ConceptCache.directory(dir);
        int threads = 8;
        int keys = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int badReads = 0;
                for (int round = 0; round < 5; round++) {
                    for (int k = 0; k < keys; k++) {
                        String text = "text " + k;
                        cache.put(key(text), context(text), concepts(k, thread));
                        var read = cache.get(key(text), context(text));
                        if (read.isEmpty() || !read.get().get(0).text().equals("concept of " + k)) {
                            badReads++;
                        }
                    }
                }
                return badReads;
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        for (Future<Integer> result : results) {
            assertThat(result.get()).isZero();
        }
        assertWholeAndReadable(keys);
    }

    @Test
    void two_processes_writing_the_same_directory_leave_only_whole_entries() throws Exception {
        int keys = 200;
        Process other = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                CacheWriterMain.class.getName(), dir.toString(), Integer.toString(keys), "other-process")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(nextProtocolLine(out)).isEqualTo("ready");
            in.write("go\n");
            in.flush();
            CacheWriterMain.writeAll(ConceptCache.directory(dir), keys, "this-process");
            assertThat(nextProtocolLine(out)).isEqualTo("done");
        }
        assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(other.exitValue()).isZero();
        assertWholeAndReadable(keys);
    }

    @Test
    void replay_mode_names_the_missing_text_and_how_to_record_it() {
        CachingConceptExtractor replay = new CachingConceptExtractor(EXTRACTOR, ConceptCache.directory(dir), CacheMode.REPLAY);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay.extract(new TextInput("Never recorded text.", "q", "case-7"), SYSTEM))
                .isInstanceOf(ConceptCacheMissException.class)
                .hasMessageContaining("'case-7' \"Never recorded text.\"")
                .hasMessageContaining("the cache mode is replay")
                .hasMessageContaining("Record it by running once with cache mode read-write");
    }

    @Test
    void read_only_mode_extracts_misses_without_writing() throws IOException {
        CachingConceptExtractor readOnly = new CachingConceptExtractor(EXTRACTOR, ConceptCache.directory(dir), CacheMode.READ_ONLY);

        assertThat(readOnly.extract(new TextInput("Be honest with people. Help others in need."), SYSTEM)).hasSize(2);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    static List<Concept> concepts(int key, int writer) {
        return List.of(new Concept("concept of " + key), new Concept("written by " + writer));
    }

    private void assertWholeAndReadable(int keys) throws IOException {
        ConceptCache fresh = ConceptCache.directory(dir);
        for (int k = 0; k < keys; k++) {
            String text = "text " + k;
            assertThat(fresh.get(key(text), context(text))).as("entry %d", k).isPresent();
        }
        assertThat(fresh.stats().corrupt()).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("no temporary files left behind").allMatch(name -> name.endsWith(".json"));
        }
    }

    /** The next line of the writer's protocol, skipping anything a library logs on the same stream. */
    private static String nextProtocolLine(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("ready") || line.equals("done")) {
                return line;
            }
        }
        return null;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Test
    void lists_every_whole_entry_and_reports_a_corrupt_one_instead_of_listing_it() throws IOException {
        // GIVEN two entries, a third whose file was truncated and a fourth whose concept's text was edited into a number
        DirectoryConceptCache cache = (DirectoryConceptCache) ConceptCache.directory(dir);
        cache.put(key("one"), context("one"), List.of(new Concept("first")));
        cache.put(key("two"), context("two"), List.of(new Concept("second", List.of("power"))));
        cache.put(key("three"), context("three"), List.of(new Concept("third")));
        cache.put(key("four"), context("four"), List.of(new Concept("fourth")));
        Files.writeString(cache.fileOf(key("three")), "{\"format\": 1, \"key\": {");
        Path four = cache.fileOf(key("four"));
        Files.writeString(four, Files.readString(four).replace("\"fourth\"", "4"));

        // WHEN the entries are listed
        List<StoredConcepts> listed = new ArrayList<>();
        long count = cache.forEachEntry(listed::add);

        // THEN the two whole entries come with their key, text and scenario; the corrupt ones are reported, nothing coerced
        assertThat(count).isEqualTo(2);
        assertThat(listed).extracting(StoredConcepts::key).containsExactlyInAnyOrder(key("one"), key("two"));
        assertThat(listed).filteredOn(e -> e.key().equals(key("two"))).singleElement().satisfies(e -> {
            assertThat(e.context()).isEqualTo(context("two"));
            assertThat(e.concepts()).containsExactly(new Concept("second", List.of("power")));
        });
        assertThat(cache.stats().corrupt()).isEqualTo(2);
        assertThat(cache.stats().problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains(cache.fileOf(key("three")).toString()).contains("invalid JSON"))
                .anySatisfy(p -> assertThat(p).contains(four.toString()).contains("whose \"text\" is a number, not a string"));
    }

    @Test
    void a_caching_extractor_looks_a_whole_batch_up_at_once_and_extracts_only_the_misses() {
        // GIVEN a cache that counts bulk lookups and already holds one of three texts
        class CountingCache implements ConceptCache {
            final ConceptCache inner = ConceptCache.inMemory();
            final List<Integer> bulkSizes = new ArrayList<>();

            @Override
            public java.util.Optional<List<Concept>> get(CacheKey key, CacheEntryContext context) {
                throw new AssertionError("the batch must be looked up with getAll");
            }

            @Override
            public java.util.Map<CacheKey, List<Concept>> getAll(java.util.Map<CacheKey, CacheEntryContext> entries) {
                bulkSizes.add(entries.size());
                java.util.Map<CacheKey, List<Concept>> found = new java.util.LinkedHashMap<>();
                entries.forEach((k, c) -> inner.get(k, c).ifPresent(v -> found.put(k, v)));
                return found;
            }

            @Override
            public void put(CacheKey key, CacheEntryContext context, List<Concept> concepts) {
                inner.put(key, context, concepts);
            }

            @Override
            public CacheStats stats() {
                return inner.stats();
            }
        }
        CountingCache cache = new CountingCache();
        List<TextInput> texts = List.of(new TextInput("Be kind.", "scenario"), new TextInput("Work hard.", "scenario"),
                new TextInput("Be kind.", "scenario"), new TextInput("Stay safe.", "scenario"));
        cache.put(key("Be kind."), context("Be kind."), List.of(new Concept("cached concept")));
        CachingConceptExtractor extractor = new CachingConceptExtractor(EXTRACTOR, cache, CacheMode.READ_WRITE);

        // WHEN the batch is extracted
        List<List<Concept>> concepts = extractor.extractAll(texts, SYSTEM);

        // THEN one lookup covered the three distinct texts, the hit was served twice, the two misses were stored
        assertThat(cache.bulkSizes).containsExactly(3);
        assertThat(concepts.get(0)).containsExactly(new Concept("cached concept"));
        assertThat(concepts.get(2)).containsExactly(new Concept("cached concept"));
        assertThat(concepts.get(1)).isEqualTo(EXTRACTOR.extract(texts.get(1), SYSTEM));
        assertThat(cache.stats().writes()).isEqualTo(3);
    }
}
