package dev.clave.concept;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.internal.AtomicFiles;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link ConceptCache} in a directory that a team can commit next to its tests.
 *
 * <p>Layout: {@code <dir>/<extractor-id>/<value-system>/<first two hex digits>/<key hash>.json}, one
 * pretty-printed JSON file per entry with sorted, stable fields: the key, the text and scenario it was made
 * from, and the concepts. Re-recording the same concepts gives a byte-identical file, so diffs show only real
 * changes.
 *
 * <p>Writes go to a temporary file in the same directory and are moved into place atomically, so a reader in
 * this or another JVM sees either the old entry, the new one or none, never half a file; two writers of the
 * same key both leave a whole entry. An entry that cannot be read (truncated, hand-edited into invalid JSON,
 * or holding another key) is logged, counted in {@link #stats()} and treated as a miss; it never stops a run
 * and never affects other entries. The next write of its key replaces it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class DirectoryConceptCache implements ConceptCache {

    /** Version of the entry file format. */
    public static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryConceptCache.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final Set<Path> corrupt = ConcurrentHashMap.newKeySet();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    DirectoryConceptCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The root directory. */
    public Path directory() {
        return directory;
    }

    /** The file that holds (or would hold) an entry. */
    public Path fileOf(CacheKey key) {
        String hash = key.hash();
        return directory.resolve(safe(key.extractorId())).resolve(safe(key.valueSystem()))
                .resolve(hash.substring(0, 2)).resolve(hash + ".json");
    }

    @Override
    public Optional<List<Concept>> get(CacheKey key, CacheEntryContext context) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            return corrupt(file, "cannot be read: " + e.getMessage());
        }
        Entry entry;
        try {
            entry = JSON.readValue(bytes, Entry.class);
        } catch (IOException e) {
            return corrupt(file, "is not a valid cache entry: " + firstLine(e.getMessage()));
        }
        if (entry == null || entry.key() == null || !key.equals(entry.key()) || entry.concepts() == null) {
            return corrupt(file, "holds another key or no concepts");
        }
        try {
            List<Concept> concepts = entry.concepts().stream().map(c -> new Concept(c.text(), c.values())).toList();
            hits.incrementAndGet();
            return Optional.of(concepts);
        } catch (IllegalArgumentException e) {
            return corrupt(file, "has an invalid concept: " + e.getMessage());
        }
    }

    @Override
    public void put(CacheKey key, CacheEntryContext context, List<Concept> concepts) {
        Entry entry = new Entry(FORMAT, key, context.scenario(), context.text(), List.copyOf(concepts));
        Path file = fileOf(key);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write concept cache entry " + file, e);
        }
        corrupt.remove(file);
        writes.incrementAndGet();
    }

    /**
     * Hands every readable entry of the directory to {@code action}, in a stable order (by file path), e.g. to copy
     * the cache into another store. Temporary files of writes in progress are ignored; an unreadable entry (or a file
     * whose name does not match its key) is reported like a corrupt entry in {@link #stats()} and skipped.
     *
     * @return the number of entries handed over
     * @throws UncheckedIOException when the directory cannot be listed
     * @since 0.1
     */
    public long forEachEntry(Consumer<StoredConcepts> action) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".json")
                            && !f.getFileName().toString().startsWith(".") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the concept cache directory " + directory, e);
        }
        long handed = 0;
        for (Path file : files) {
            Optional<StoredConcepts> entry = read(file);
            if (entry.isPresent()) {
                action.accept(entry.get());
                handed++;
            }
        }
        return handed;
    }

    private Optional<StoredConcepts> read(Path file) {
        Entry entry;
        try {
            entry = JSON.readValue(Files.readAllBytes(file), Entry.class);
        } catch (IOException e) {
            corrupt(file, "is not a valid cache entry: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
        if (entry == null || entry.key() == null || entry.concepts() == null || entry.text() == null) {
            corrupt(file, "holds no key, text or concepts");
            return Optional.empty();
        }
        if (!fileOf(entry.key()).equals(file.toAbsolutePath().normalize())) {
            corrupt(file, "holds the key of another file (" + fileOf(entry.key()) + ")");
            return Optional.empty();
        }
        try {
            List<Concept> concepts = entry.concepts().stream().map(c -> new Concept(c.text(), c.values())).toList();
            return Optional.of(new StoredConcepts(entry.key(), new CacheEntryContext(entry.text(), entry.scenario()), concepts));
        } catch (IllegalArgumentException e) {
            corrupt(file, "has an invalid concept: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public CacheStats stats() {
        synchronized (problems) {
            return new CacheStats(hits.get(), misses.get(), writes.get(), corrupt.size(), problems);
        }
    }

    private Optional<List<Concept>> corrupt(Path file, String why) {
        misses.incrementAndGet();
        if (corrupt.add(file)) {
            String problem = "Concept cache entry " + file + " " + why + "; it is skipped and will be re-extracted";
            problems.add(problem);
            LOG.warn(problem);
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._@-]", "_");
    }

    @Override
    public String toString() {
        return "concept cache in " + directory;
    }

    @JsonPropertyOrder({"format", "key", "scenario", "text", "concepts"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(int format, CacheKey key, String scenario, String text, List<Concept> concepts) {
    }
}
