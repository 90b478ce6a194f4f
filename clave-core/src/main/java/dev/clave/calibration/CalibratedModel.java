package dev.clave.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.ClaveConfigurationException;
import dev.clave.data.Label;
import dev.clave.embedding.Encoder;
import dev.clave.internal.Hashing;
import dev.clave.internal.Printable;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A calibrated evaluator on disk: a directory holding {@code manifest.json} (identity, components and the
 * cross-validation report), {@code value-system.json}, the small model ({@code value-head.json} for a converged head
 * with its decision offsets, or {@code value-head-0000.params} in DJL format for the AdamW head; with a fine-tuned
 * encoder also {@code fine-tuned-encoder-0000.params}, {@code fine-tuned-encoder.json} and
 * {@code fine-tuned-head.json}), {@code concept-pool.json}, and {@code checksums.sha256} (the SHA-256 of every other
 * file, in {@code sha256sum} format). The directory is self-contained: copy it to another machine and load it there.
 *
 * <p>An artifact is verified as a whole when it is loaded: every file against its checksum (no file missing, changed or
 * added), the value system against the manifest and the head's shape, the encoder known. Anything else is a
 * {@link DamagedArtifactException} naming the artifact and the fix, never a wrong verdict.
 *
 * <p>Immutable once loaded; owns the DJL model, so close it (or the evaluator that holds it).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CalibratedModel implements AutoCloseable {

    /**
     * The artifact format; an artifact of another format is recalibrated, never misread. 2: the report has the majority
     * baseline, and {@code checksums.sha256} lists every file. 3: the head's kind and fit (strength, offsets, a
     * fine-tuned encoder's weights) are part of the artifact and its checksums. 4: the head records what chose its
     * strength ({@code selection}: kappa or log-loss) and each grid point's cross-validated kappa.
     */
    public static final int FORMAT = 4;
    static final String MANIFEST = "manifest.json";
    static final String VALUE_SYSTEM = "value-system.json";
    static final String POOL = "concept-pool.json";
    static final String CHECKSUMS = "checksums.sha256";

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
     * Loads an artifact, verified as a whole.
     *
     * @throws ClaveConfigurationException when the directory holds no artifact, or one of another format
     * @throws DamagedArtifactException when a file is missing, changed or added, or the parts disagree
     */
    public static CalibratedModel load(Path directory) {
        if (Files.isRegularFile(directory.resolve(MANIFEST)) && readCalibrationId(directory) != null) {
            verifyChecksums(directory);
        }
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
        ValueSystem valueSystem;
        ConceptPool pool;
        try {
            valueSystem = ValueSystems.load(directory.resolve(VALUE_SYSTEM));
            pool = readPool(directory.resolve(POOL));
        } catch (RuntimeException e) {
            throw new DamagedArtifactException(directory, "a part cannot be read (" + e.getMessage() + ")", e);
        }
        if (!valueSystem.qualifiedId().equals(manifest.valueSystem())) {
            throw new DamagedArtifactException(directory, "its value system is " + valueSystem.qualifiedId()
                    + ", but the manifest names " + manifest.valueSystem(), null);
        }
        if (!valueSystem.valueIds().containsAll(pool.byValue().keySet())) {
            throw new DamagedArtifactException(directory, "its concept pool names values the value system lacks", null);
        }
        try {
            Encoder.fromId(manifest.encoder());
        } catch (RuntimeException e) {
            throw new DamagedArtifactException(directory, "its manifest names an unknown encoder '" + manifest.encoder() + "'", e);
        }
        ValueRecognizer recognizer;
        try {
            recognizer = ValueRecognizer.load(directory, valueSystem.values().size(), manifest.dimension(), manifest.head());
        } catch (RuntimeException e) {
            throw new DamagedArtifactException(directory, "the small model cannot be read or does not fit "
                    + valueSystem.values().size() + " values of dimension " + manifest.dimension() + " (" + e.getMessage() + ")", e);
        }
        return new CalibratedModel(directory, manifest, valueSystem, recognizer, pool);
    }

    /** Checks every file of an artifact against {@value #CHECKSUMS}: none missing, changed or added. */
    private static void verifyChecksums(Path directory) {
        Path sums = directory.resolve(CHECKSUMS);
        Map<String, String> expected = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf("  ");
                if (space != 64) {
                    throw new DamagedArtifactException(directory, CHECKSUMS + " has a malformed line: '" + Printable.escape(line) + "'", null);
                }
                expected.put(line.substring(space + 2), line.substring(0, space));
            }
        } catch (NoSuchFileException e) {
            throw new DamagedArtifactException(directory, "it has no " + CHECKSUMS, e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DamagedArtifactException(directory, CHECKSUMS + " cannot be read", e);
        }
        Map<String, String> actual = checksums(directory);
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String sum = actual.get(file.getKey());
            if (sum == null) {
                throw new DamagedArtifactException(directory, "its file " + file.getKey() + " is missing", null);
            }
            if (!sum.equals(file.getValue())) {
                throw new DamagedArtifactException(directory, "the checksum of " + file.getKey() + " does not match", null);
            }
        }
        for (String name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                throw new DamagedArtifactException(directory, "it holds a file that was not written with it: " + name, null);
            }
        }
    }

    /** The SHA-256 of every regular file of a directory except {@value #CHECKSUMS}, by name (sorted). */
    private static Map<String, String> checksums(Path directory) {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(CHECKSUMS)) {
                    continue;
                }
                if (!Files.isRegularFile(file)) {
                    sums.put(name, "not a regular file");
                    continue;
                }
                MessageDigest digest = Hashing.newDigest();
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                sums.put(name, Hashing.hex(digest));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the artifact " + directory, e);
        }
        return sums;
    }

    static void writeChecksums(Path directory) throws IOException {
        StringBuilder out = new StringBuilder();
        checksums(directory).forEach((name, sum) -> out.append(sum).append("  ").append(name).append('\n'));
        Files.writeString(directory.resolve(CHECKSUMS), out.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Builds an artifact in a staging directory next to {@code target} and moves it into place atomically, replacing
     * what was there when the calibration began ({@code before}: its calibration id, or null); the staging directory is
     * removed whatever happens. The check and the move hold a lock shared by every process on this machine. When
     * another process moved an artifact of the same id into place first, that one is kept.
     *
     * @throws ClaveConfigurationException when another calibration was saved there while this one ran: that one is
     *                                     kept, and this one is not reported as saved
     */
    static void publish(Path target, String id, @Nullable String before, Consumer<Path> build) {
        Path staging = stagingDirectory(target);
        try {
            build.accept(staging);
            Path lockFile = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                String now = Files.exists(target) ? readCalibrationId(target) : null;
                if (id.equals(now) && !id.equals(before)) {
                    return; // another process saved this very calibration meanwhile
                }
                if (!Objects.equals(now, before) && now != null) {
                    throw new ClaveConfigurationException("Another calibration (id " + now + ") was saved into " + target
                            + " while this one (id " + id + ") ran; it is kept, and this one was not saved. Give each"
                            + " calibration its own output directory, or calibrate again to replace it.");
                }
                move(staging, target, id);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot lock " + lockFile + " to save the calibrated evaluator", e);
            }
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
            writeChecksums(directory);
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
