package dev.clave.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.ClaveConfigurationException;
import dev.clave.data.Label;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A calibrated evaluator on disk: a directory holding {@code manifest.json} (identity, components and the
 * cross-validation report), {@code value-system.json}, the small model's parameters ({@code value-head-0000.params},
 * DJL format) and {@code concept-pool.json}. The directory is self-contained: copy it to another machine and
 * load it there.
 *
 * <p>Immutable once loaded; owns the DJL model, so close it (or the evaluator that holds it).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CalibratedModel implements AutoCloseable {

    /** The artifact format; an artifact of another format is recalibrated, never misread. 2: the report has the majority baseline. */
    public static final int FORMAT = 2;
    static final String MANIFEST = "manifest.json";
    static final String VALUE_SYSTEM = "value-system.json";
    static final String POOL = "concept-pool.json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path directory;
    private final Manifest manifest;
    private final ValueSystem valueSystem;
    private final ValueRecognizer recognizer;
    private final ConceptPool pool;

    /**
     * Assembles a model from its parts, e.g. a head of a cross-validation fold; {@link #load(Path)} reads a saved one.
     */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public CalibratedModel(Path directory, Manifest manifest, ValueSystem valueSystem, ValueRecognizer recognizer,
                           ConceptPool pool) {
        this.directory = directory;
        this.manifest = manifest;
        this.valueSystem = valueSystem;
        this.recognizer = recognizer;
        this.pool = pool;
    }

    /**
     * Identity and components of an artifact.
     *
     * @param format           {@link #FORMAT}
     * @param calibrationId    see {@link CalibrationReport#calibrationId()}
     * @param valueSystem      {@code id@version}
     * @param extractorId      the extractor's id
     * @param extractorVersion the extractor's version
     * @param encoder          the encoder id
     * @param dimension        the embedding dimension
     * @param head             the head's configuration
     * @param report           the calibration report
     */
    @JsonPropertyOrder({"format", "calibrationId", "valueSystem", "extractorId", "extractorVersion", "encoder", "dimension",
            "head", "report"})
    public record Manifest(int format, String calibrationId, String valueSystem, String extractorId, String extractorVersion,
                           String encoder, int dimension, HeadConfig head, CalibrationReport report) {
    }

    /** Where the artifact lives. */
    public Path directory() {
        return directory;
    }

    /** Its manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The value system it was calibrated for. */
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** The small model. */
    public ValueRecognizer recognizer() {
        return recognizer;
    }

    /** The calibrated concept pool. */
    public ConceptPool pool() {
        return pool;
    }

    /** The calibration report. */
    public CalibrationReport report() {
        return manifest.report();
    }

    /** The calibration id stored in a directory's manifest, or null when there is no readable artifact there. */
    public static String readCalibrationId(Path directory) {
        try {
            Manifest manifest = JSON.readValue(directory.resolve(MANIFEST).toFile(), Manifest.class);
            return manifest.format() == FORMAT ? manifest.calibrationId() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Loads an artifact.
     *
     * @throws ClaveConfigurationException when the directory holds no artifact, or one of another format
     */
    public static CalibratedModel load(Path directory) {
        Path manifestFile = directory.resolve(MANIFEST);
        Manifest manifest;
        try {
            manifest = JSON.readValue(manifestFile.toFile(), Manifest.class);
        } catch (IOException e) {
            if (!Files.exists(manifestFile)) {
                throw new ClaveConfigurationException("No calibrated evaluator in " + directory.toAbsolutePath()
                        + " (no " + MANIFEST + "). Create one with: clave calibrate --value-system ID --data FILE --out "
                        + directory);
            }
            throw new ClaveConfigurationException("Cannot read " + manifestFile + ": " + e.getMessage()
                    + ". Calibrate again to rebuild the artifact.", e);
        }
        if (manifest.format() != FORMAT) {
            throw new ClaveConfigurationException("The calibrated evaluator in " + directory + " has artifact format "
                    + manifest.format() + ", but this Clave reads format " + FORMAT + ". Calibrate again.");
        }
        ValueSystem valueSystem = ValueSystems.load(directory.resolve(VALUE_SYSTEM));
        ConceptPool pool = readPool(directory.resolve(POOL));
        ValueRecognizer recognizer = ValueRecognizer.load(directory, valueSystem.values().size(), manifest.dimension(), manifest.head());
        return new CalibratedModel(directory, manifest, valueSystem, recognizer, pool);
    }

    /**
     * Builds an artifact in a staging directory next to {@code target} and moves it into place atomically, replacing
     * an artifact of another id; the staging directory is removed whatever happens. When another process moved an
     * artifact of the same id into place first, that one is kept.
     *
     * @throws ClaveConfigurationException when another process wrote a different artifact there at the same time
     */
    static void publish(Path target, String id, Consumer<Path> build) {
        Path staging = stagingDirectory(target);
        try {
            build.accept(staging);
            move(staging, target, id);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static Path stagingDirectory(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + parent, e);
        }
        return parent.resolve("." + target.getFileName() + ".staging-" + UUID.randomUUID());
    }

    private static void move(Path staging, Path target, String id) {
        try {
            if (Files.exists(target)) {
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                try {
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException raced) {
                    // another process replaced it first
                }
                deleteRecursively(old);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!id.equals(readCalibrationId(target))) {
                throw new ClaveConfigurationException("Another process wrote a different calibration into " + target
                        + " at the same time. Give each configuration its own artifact directory.", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the calibrated evaluator into " + target, e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    /** Writes the parts of an artifact into an (empty) directory. */
    static void write(Path directory, Manifest manifest, ValueSystem valueSystem, ValueRecognizer recognizer, ConceptPool pool) {
        try {
            Files.createDirectories(directory);
            recognizer.save(directory);
            Files.writeString(directory.resolve(VALUE_SYSTEM), ValueSystems.toJson(valueSystem));
            JSON.writeValue(directory.resolve(POOL).toFile(), toJson(pool));
            JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the calibrated evaluator to " + directory, e);
        }
    }

    @Override
    public void close() {
        recognizer.close();
    }

    @JsonPropertyOrder({"concept", "label", "size", "labelCounts", "embedding"})
    record PoolEntry(String concept, Label label, int size, Map<Label, Integer> labelCounts, byte[] embedding) {
    }

    private static Map<String, List<PoolEntry>> toJson(ConceptPool pool) {
        Map<String, List<PoolEntry>> out = new LinkedHashMap<>();
        pool.byValue().forEach((value, medoids) -> out.put(value, medoids.stream()
                .map(m -> new PoolEntry(m.concept(), m.label(), m.size(), new java.util.TreeMap<>(m.labelCounts()),
                        ConceptPool.toBytes(m.embedding())))
                .toList()));
        return out;
    }

    private static ConceptPool readPool(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, List<PoolEntry>> raw = JSON.readValue(in,
                    JSON.getTypeFactory().constructMapType(LinkedHashMap.class, JSON.getTypeFactory().constructType(String.class),
                            JSON.getTypeFactory().constructCollectionType(List.class, PoolEntry.class)));
            Map<String, List<ConceptPool.Medoid>> pool = new LinkedHashMap<>();
            raw.forEach((value, entries) -> {
                List<ConceptPool.Medoid> medoids = new ArrayList<>();
                for (PoolEntry e : entries) {
                    medoids.add(new ConceptPool.Medoid(e.concept(), e.label(), e.size(), e.labelCounts(),
                            ConceptPool.fromBytes(e.embedding())));
                }
                pool.put(value, medoids);
            });
            return new ConceptPool(pool);
        } catch (NoSuchFileException e) {
            throw new ClaveConfigurationException("The calibrated evaluator in " + file.getParent() + " has no " + POOL
                    + ". Calibrate again to rebuild the artifact.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
