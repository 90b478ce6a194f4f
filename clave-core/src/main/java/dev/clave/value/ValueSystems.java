package dev.clave.value;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds value systems: the built-in ones by id, user-defined ones from JSON files.
 *
 * <p>Built-in ids: {@code schwartz}, {@code moral-foundations}, {@code social-risks},
 * {@code safety-responsibility}. A file uses the same schema:
 * <pre>{@code
 * {"id": "support-bot", "version": "3", "name": "...", "description": "...",
 *  "values": [{"id": "honesty", "name": "Honesty", "definition": "...", "examples": ["..."]}]}
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ValueSystems {

    /** Ids of the value systems that ship with Clave. */
    public static final List<String> BUILT_IN = List.of("schwartz", "moral-foundations", "social-risks", "safety-responsibility");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<String, ValueSystem> BUILT_IN_CACHE = new ConcurrentHashMap<>();

    private ValueSystems() {
    }

    /**
     * A built-in value system.
     *
     * @throws UnknownValueException listing the built-in ids when there is none with that id
     */
    public static ValueSystem builtIn(String id) {
        if (!BUILT_IN.contains(id)) {
            throw new UnknownValueException("value system", String.valueOf(id), BUILT_IN);
        }
        return BUILT_IN_CACHE.computeIfAbsent(id, ValueSystems::readBuiltIn);
    }

    /** All built-in value systems, in the order of {@link #BUILT_IN}. */
    public static List<ValueSystem> builtIns() {
        return BUILT_IN.stream().map(ValueSystems::builtIn).toList();
    }

    /**
     * A built-in id, or else a path to a JSON file. This is what the CLI's {@code --value-system} and the
     * JUnit extension accept.
     *
     * @throws UnknownValueException when it is neither a built-in id nor an existing file
     */
    public static ValueSystem resolve(String idOrPath) {
        if (BUILT_IN.contains(idOrPath)) {
            return builtIn(idOrPath);
        }
        Path path = Path.of(idOrPath);
        if (idOrPath.endsWith(".json") || Files.exists(path)) {
            return load(path);
        }
        throw new UnknownValueException("value system", idOrPath, BUILT_IN, ", or the path of a value-system JSON file"
                + " (there is no file at " + path.toAbsolutePath().normalize() + ")");
    }

    /**
     * Loads a user-defined value system from a JSON file.
     *
     * @throws ClaveConfigurationException naming the file and what is wrong with it
     */
    public static ValueSystem load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClaveConfigurationException("Value system file " + file + (Files.isDirectory(file) ? " is a directory"
                    : " does not exist") + (file.isAbsolute() ? "" : ": looked at " + file.toAbsolutePath().normalize()
                    + ", relative to the working directory " + Path.of("").toAbsolutePath()) + ". Correct the path, or give a"
                    + " built-in id (" + String.join(", ", BUILT_IN) + ").");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read value system file " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Parses a value system from JSON; {@code source} names it in error messages. */
    public static ValueSystem parse(InputStream json, String source) {
        try {
            ValueSystem system = JSON.readValue(json, ValueSystem.class);
            if (system == null) {
                throw new ClaveConfigurationException("Value system " + source + " is empty");
            }
            return system;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof ClaveConfigurationException
                    ? e.getCause() : e;
            String detail = cause == e ? e.getOriginalMessage() : cause.getMessage();
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ClaveConfigurationException("Invalid value system " + source + where + ": " + Printable.escape(detail)
                    + ". Expected {\"id\", \"version\", \"values\": [{\"id\", \"name\", \"definition\"}]}", e);
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read value system " + source + ": " + e, e);
        }
    }

    /** Writes a value system as JSON, e.g. into a calibration artifact. */
    public static String toJson(ValueSystem system) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(system);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValueSystem readBuiltIn(String id) {
        String resource = id + ".json";
        try (InputStream in = ValueSystems.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Built-in value system resource missing: " + resource);
            }
            return parse(in, "built-in '" + id + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
