package dev.clave.concept;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.ClaveConfigurationException;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Hashing;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link ConceptCache} in a directory that a team can commit next to its tests.
 *
 * <p>Layout: {@code <dir>/<extractor-id>/<value-system>/<first two hex digits>/<key hash>.json}, one
 * pretty-printed JSON file per entry with sorted, stable fields: the key, the text and scenario it was made
 * from, and the concepts. Re-recording the same concepts gives a byte-identical file, so diffs show only real
 * changes. Concept vectors live apart, in {@code <dir>/vectors/<encoder-id>/<first two hex digits>/<hash>.json}, one
 * file per (encoder, concept) with the concept's text and its vector (little-endian float32, Base64): they can be
 * recomputed from the concepts at any time, so a team may commit them (a new JVM then encodes nothing) or ignore
 * {@code vectors/} in git.
 *
 * <p>Writes go to a temporary file in the same directory and are moved into place atomically, so a reader in
 * this or another JVM sees either the old entry, the new one or none, never half a file; two writers of the
 * same key both leave a whole entry. Entries are checked when read, field by field: an entry that cannot be read
 * (truncated, hand-edited into invalid JSON, a field of the wrong JSON type such as a number where a concept's text
 * belongs, a concept without visible characters, another key, a directory in its place) is logged, counted in
 * {@link #stats()} and treated as a miss, so its text is extracted again; nothing in it is coerced into a concept. It
 * never stops a run and never affects other entries. The next write of its key replaces it (a directory in the place
 * of an entry is reported and left alone). A cache directory that cannot be written is a
 * {@link dev.clave.ClaveConfigurationException}.
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
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> ENTRY_FIELDS = Set.of("format", "key", "scenario", "text", "concepts");
    private static final Set<String> VECTOR_FIELDS = Set.of("format", "encoder", "concept", "vector");
    /** The directory of the concept vectors, under the cache's root. */
    public static final String VECTORS = "vectors";
    private static final Pattern VALUE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final Set<Path> corrupt = ConcurrentHashMap.newKeySet();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    DirectoryConceptCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        if (Files.exists(this.directory) && !Files.isDirectory(this.directory)) {
            throw new ClaveConfigurationException("The concept cache " + this.directory + " is a file, not a directory; give"
                    + " --cache (clave.cache.directory) a directory, or a path where one can be made");
        }
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
        if (Files.isDirectory(file)) {
            return corrupt(file, "is a directory, not an entry file; remove it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            return corrupt(file, "cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = READER.readTree(bytes);
        } catch (IOException e) {
            return corrupt(file, "is not a valid cache entry (invalid JSON: " + firstLine(e.getMessage()) + ")");
        }
        try {
            List<Concept> concepts = read(root, key);
            hits.incrementAndGet();
            return Optional.of(concepts);
        } catch (IllegalArgumentException e) {
            return corrupt(file, e.getMessage());
        }
    }

    /**
     * The concepts of an entry, checked field by field: every field of the right JSON type (a number is never read as
     * a text), the key equal to the one asked for, every concept a visible text with value ids.
     */
    private static List<Concept> read(JsonNode root, CacheKey key) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENTRY_FIELDS.contains(name)) {
                throw new IllegalArgumentException("has an unexpected field \"" + name + "\"");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new IllegalArgumentException("has format " + format + ", but this version of Clave reads format " + FORMAT);
        }
        JsonNode keyNode = root.get("key");
        if (keyNode == null || !keyNode.isObject() || keyNode.size() != 4
                || !key.extractorId().equals(text(keyNode, "extractorId"))
                || !key.extractorVersion().equals(text(keyNode, "extractorVersion"))
                || !key.valueSystem().equals(text(keyNode, "valueSystem"))
                || !key.textSha256().equals(text(keyNode, "textSha256"))) {
            throw new IllegalArgumentException("holds another key");
        }
        for (String field : List.of("text", "scenario")) {
            JsonNode value = root.get(field);
            if (value != null && !value.isTextual()) {
                throw new IllegalArgumentException("has a \"" + field + "\" that is " + kind(value) + ", not a string");
            }
        }
        JsonNode concepts = root.get("concepts");
        if (concepts == null || !concepts.isArray()) {
            throw new IllegalArgumentException("has no \"concepts\" array");
        }
        List<Concept> out = new ArrayList<>(concepts.size());
        for (int i = 0; i < concepts.size(); i++) {
            out.add(concept(concepts.get(i), "concepts[" + i + "]"));
        }
        return List.copyOf(out);
    }

    private static Concept concept(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("has " + where + " that is " + kind(node) + ", not an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("text") && !name.equals("values")) {
                throw new IllegalArgumentException("has " + where + " with an unexpected field \"" + name + "\"");
            }
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("has " + where + " whose \"text\" is " + kind(text) + ", not a string");
        }
        List<String> values = new ArrayList<>();
        JsonNode valuesNode = node.get("values");
        if (valuesNode != null) {
            if (!valuesNode.isArray()) {
                throw new IllegalArgumentException("has " + where + " whose \"values\" is " + kind(valuesNode) + ", not an array");
            }
            for (JsonNode value : valuesNode) {
                if (!value.isTextual() || !VALUE_ID.matcher(value.textValue()).matches()) {
                    throw new IllegalArgumentException("has " + where + " naming " + (value.isTextual() ? "'"
                            + value.textValue() + "'" : kind(value)) + ", not a value id");
                }
                values.add(value.textValue());
            }
        }
        try {
            return new Concept(text.textValue(), values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has an invalid concept " + where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String kind(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public void put(CacheKey key, CacheEntryContext context, List<Concept> concepts) {
        Entry entry = new Entry(FORMAT, key, context.scenario(), context.text(), List.copyOf(concepts));
        Path file = fileOf(key);
        if (Files.isDirectory(file)) {
            // not fatal: the concepts were extracted and are used; only this entry cannot be kept
            report(file, "is a directory, not an entry file, so the new concepts of its text are not stored; remove it");
            return;
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("concept cache entry", file, e, "--cache / clave.cache.directory must name a "
                    + "writable directory");
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

    /** One entry file, checked field by field like {@link #get}, with its key taken from the file. */
    private Optional<StoredConcepts> read(Path file) {
        JsonNode root;
        try {
            root = READER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            corrupt(file, "is not a valid cache entry (invalid JSON: " + firstLine(e.getMessage()) + ")");
            return Optional.empty();
        }
        JsonNode keyNode = root == null ? null : root.get("key");
        CacheKey key;
        try {
            key = keyNode == null ? null : new CacheKey(text(keyNode, "extractorId"), text(keyNode, "extractorVersion"),
                    text(keyNode, "valueSystem"), text(keyNode, "textSha256"));
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null) {
            corrupt(file, "holds no complete key");
            return Optional.empty();
        }
        if (!fileOf(key).equals(file.toAbsolutePath().normalize())) {
            corrupt(file, "holds the key of another file (" + fileOf(key) + ")");
            return Optional.empty();
        }
        try {
            List<Concept> concepts = read(root, key);
            String text = text(root, "text");
            if (text == null) {
                throw new IllegalArgumentException("holds no \"text\"");
            }
            return Optional.of(new StoredConcepts(key, new CacheEntryContext(text, text(root, "scenario")), concepts));
        } catch (IllegalArgumentException e) {
            corrupt(file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The file that holds (or would hold) the vector of a concept made by an encoder. */
    public Path vectorFileOf(String encoderId, String concept) {
        String hash = Hashing.sha256(encoderId, concept);
        return directory.resolve(VECTORS).resolve(safe(encoderId)).resolve(hash.substring(0, 2)).resolve(hash + ".json");
    }

    @Override
    public Map<String, float[]> vectors(String encoderId, Collection<String> concepts) {
        Map<String, float[]> found = new LinkedHashMap<>();
        for (String concept : concepts) {
            Path file = vectorFileOf(encoderId, concept);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                report(file, "cannot be read: " + e.getMessage() + "; its concept is encoded again");
                continue;
            }
            try {
                found.put(concept, readVector(READER.readTree(bytes), encoderId, concept));
            } catch (IOException | IllegalArgumentException e) {
                report(file, "is not a valid concept vector (" + firstLine(e.getMessage()) + "); its concept is encoded again");
            }
        }
        return found;
    }

    private static float[] readVector(JsonNode root, String encoderId, String concept) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!VECTOR_FIELDS.contains(name)) {
                throw new IllegalArgumentException("an unexpected field \"" + name + "\"");
            }
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new IllegalArgumentException("format " + format + ", but this version of Clave reads format " + FORMAT);
        }
        if (!encoderId.equals(text(root, "encoder")) || !concept.equals(text(root, "concept"))) {
            throw new IllegalArgumentException("it holds another encoder's or concept's vector");
        }
        JsonNode vector = root.get("vector");
        byte[] bytes;
        try {
            bytes = vector != null && vector.isTextual() ? vector.binaryValue() : null;
        } catch (IOException e) {
            throw new IllegalArgumentException("its vector is not Base64", e);
        }
        if (bytes == null || bytes.length == 0 || bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("its vector is not a Base64 string of float32 values");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        for (float f : out) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException("its vector holds a value that is not a finite number");
            }
        }
        return out;
    }

    @Override
    public void putVectors(String encoderId, Map<String, float[]> vectors) {
        for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            Path file = vectorFileOf(encoderId, entry.getKey());
            ByteBuffer bytes = ByteBuffer.allocate(entry.getValue().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(entry.getValue());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", FORMAT);
            json.put("encoder", encoderId);
            json.put("concept", entry.getKey());
            json.put("vector", bytes.array());
            try {
                AtomicFiles.write(file, JSON.writeValueAsBytes(json));
            } catch (IOException e) {
                throw AtomicFiles.cannotWrite("concept vector", file, e, "--cache / clave.cache.directory must name a "
                        + "writable directory");
            }
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
        report(file, why + "; it is skipped and will be re-extracted");
        return Optional.empty();
    }

    private void report(Path file, String why) {
        if (corrupt.add(file)) {
            String problem = Printable.escape("Concept cache entry " + file + " " + why);
            problems.add(problem);
            LOG.warn(problem);
        }
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
