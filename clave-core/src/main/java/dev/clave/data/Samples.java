package dev.clave.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clave.internal.AtomicFiles;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the JSONL formats: labelled samples ({@code text, value, label, scenario?, id?}) and
 * texts to evaluate ({@code text, scenario?, id?}).
 *
 * <p>Reading is strict (see {@link JsonlReader}): a label outside {@code supports, opposes, unrelated}, a value
 * the value system does not define (the message lists the valid ones), an empty text, an unknown field,
 * invalid JSON or invalid UTF-8 each fail with file and line.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Samples {

    private static final Set<String> SAMPLE_FIELDS = new LinkedHashSet<>(List.of("text", "value", "label", "scenario", "id"));
    private static final Set<String> INPUT_FIELDS = new LinkedHashSet<>(List.of("text", "scenario", "id"));

    private Samples() {
    }

    /**
     * Opens a labelled-sample file for streaming.
     *
     * @param valueSystem the system the {@code value} fields must belong to, or null to accept any value id
     */
    public static JsonlReader<LabelledSample> open(Path file, @Nullable ValueSystem valueSystem) {
        return JsonlReader.open(file, line -> sample(line, valueSystem));
    }

    /** Opens labelled samples from a stream (e.g. a classpath resource); {@code source} names it in messages. */
    public static JsonlReader<LabelledSample> open(InputStream in, String source, @Nullable ValueSystem valueSystem) {
        return JsonlReader.open(in, source, line -> sample(line, valueSystem));
    }

    /** Reads every labelled sample of a file. */
    public static List<LabelledSample> readAll(Path file, @Nullable ValueSystem valueSystem) {
        try (JsonlReader<LabelledSample> reader = open(file, valueSystem)) {
            return drain(reader);
        }
    }

    /** Opens a file of texts to evaluate. */
    public static JsonlReader<TextInput> openInputs(Path file) {
        return JsonlReader.open(file, Samples::input);
    }

    /** Opens texts to evaluate from a stream (e.g. standard input); {@code source} names it in messages. */
    public static JsonlReader<TextInput> openInputs(InputStream in, String source) {
        return JsonlReader.open(in, source, Samples::input);
    }

    /** Reads every text of a file of texts to evaluate. */
    public static List<TextInput> readInputs(Path file) {
        try (JsonlReader<TextInput> reader = openInputs(file)) {
            return drain(reader);
        }
    }

    /**
     * Writes samples as JSONL, replacing the file once all are written: a failure leaves the old file as it was.
     *
     * @throws dev.clave.ClaveException when the file cannot be written
     */
    public static void write(Path file, Collection<LabelledSample> samples) {
        writeJsonl(file, samples);
    }

    /**
     * Writes any records Jackson can serialize as JSONL (one object per line), replacing the file once all are written:
     * a failure leaves the old file as it was.
     *
     * @throws dev.clave.ClaveException when the file cannot be written
     */
    public static void writeJsonl(Path file, Iterable<?> records) {
        try (AtomicFiles.Replacement out = AtomicFiles.replace(file, "data file")) {
            BufferedWriter writer = out.writer();
            for (Object record : records) {
                writer.write(toJsonLine(record));
                writer.write('\n');
            }
            out.commit();
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("data file", file, e, "give a path in a writable directory");
        }
    }

    /** One record as a single JSON line (no newline). */
    public static String toJsonLine(Object record) {
        try {
            return JsonlReader.JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write record as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> List<T> drain(JsonlReader<T> reader) {
        List<T> all = new ArrayList<>();
        reader.forEachRemaining(all::add);
        return all;
    }

    private static LabelledSample sample(JsonlReader.Line line, @Nullable ValueSystem valueSystem) {
        line.onlyFields(SAMPLE_FIELDS);
        String text = line.requiredText("text");
        String value = line.requiredText("value");
        if (valueSystem != null && !valueSystem.contains(value)) {
            throw new IllegalArgumentException("unknown value '" + value + "' for value system '" + valueSystem.id()
                    + "'" + didYouMean(value, valueSystem) + "; valid values are: " + String.join(", ", valueSystem.valueIds()));
        }
        Label label = Label.fromWire(line.requiredText("label"));
        return new LabelledSample(text, value, label, line.optionalText("scenario"), line.optionalText("id"));
    }

    private static TextInput input(JsonlReader.Line line) {
        line.onlyFields(INPUT_FIELDS);
        return new TextInput(line.requiredText("text"), line.optionalText("scenario"), line.optionalText("id"));
    }

    /** {@code " (did you mean 'benevolence'?)"} when a value id is close to the unknown one, else empty. */
    static String didYouMean(String unknown, ValueSystem valueSystem) {
        return dev.clave.UnknownNameException.nearest(unknown, valueSystem.valueIds()).map(v -> " (did you mean '" + v + "'?)")
                .orElse("");
    }
}
