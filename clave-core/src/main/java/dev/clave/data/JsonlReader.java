package dev.clave.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of a JSONL file, one JSON object per line, strictly: invalid UTF-8, invalid JSON,
 * a line that is not an object, an unexpected field or a field of the wrong type each stop the read with a
 * {@link DataFormatException} that names the file and line. Blank lines are skipped. Memory use does not grow
 * with the file: records are parsed one line at a time.
 *
 * <p>Not thread-safe; close it (or the stream from {@link #stream()}) when done.
 *
 * @param <T> the record type
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JsonlReader<T> implements Iterator<T>, Closeable {

    /** Turns one JSON object into a record; throws {@link IllegalArgumentException} with the problem. */
    @FunctionalInterface
    public interface RecordMapper<T> {
        T map(Line line);
    }

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(1024);
    private final String source;
    private final RecordMapper<T> mapper;
    private long lineNumber;
    private T next;
    private boolean done;

    private JsonlReader(InputStream in, String source, RecordMapper<T> mapper) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.source = source;
        this.mapper = mapper;
    }

    /** Opens a file; a missing file is a {@link DataFormatException}-free {@link dev.clave.ClaveInputException}. */
    public static <T> JsonlReader<T> open(Path file, RecordMapper<T> mapper) {
        try {
            return new JsonlReader<>(Files.newInputStream(file), file.toString(), mapper);
        } catch (NoSuchFileException e) {
            throw new dev.clave.ClaveInputException("Data file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open data file " + file, e);
        }
    }

    /** Reads from a stream; {@code source} names it in error messages (e.g. a classpath resource). */
    public static <T> JsonlReader<T> open(InputStream in, String source, RecordMapper<T> mapper) {
        return new JsonlReader<>(in, source, mapper);
    }

    /** The source name used in messages. */
    public String source() {
        return source;
    }

    /** The number of the last line read. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        next = readNext();
        if (next == null) {
            done = true;
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T result = next;
        next = null;
        return result;
    }

    /** The remaining records as a sequential stream that closes this reader when closed. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    private T readNext() {
        while (true) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
                throw new DataFormatException(source, lineNumber, "invalid JSON" + column + ": " + e.getOriginalMessage()
                        + " (expected one JSON object per line)", e);
            }
            if (!(node instanceof ObjectNode object)) {
                throw new DataFormatException(source, lineNumber, "expected a JSON object, but found " + node.getNodeType()
                        .toString().toLowerCase(java.util.Locale.ROOT));
            }
            try {
                return mapper.map(new Line(object, lineNumber));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(source, lineNumber, e.getMessage(), e);
            }
        }
    }

    /** The next line, decoded strictly as UTF-8 (so that an encoding error has an exact line number), or null. */
    private String readLine() {
        lineBytes.reset();
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                lineBytes.write(b);
                b = in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + " after line " + lineNumber, e);
        }
        lineNumber++;
        byte[] bytes = lineBytes.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(source, lineNumber, "invalid UTF-8 (" + e.getMessage()
                    + "); save the file as UTF-8", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One parsed line, with typed accessors whose failures carry the field name.
     */
    public static final class Line {

        private final ObjectNode object;
        private final long number;

        Line(ObjectNode object, long number) {
            this.object = object;
            this.number = number;
        }

        /** The 1-based line number. */
        public long number() {
            return number;
        }

        /** Rejects fields outside {@code allowed}, naming them and the allowed ones. */
        public Line onlyFields(Set<String> allowed) {
            Set<String> unexpected = new TreeSet<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    unexpected.add(name);
                }
            });
            if (!unexpected.isEmpty()) {
                throw new IllegalArgumentException("unexpected field" + (unexpected.size() > 1 ? "s " : " ")
                        + String.join(", ", unexpected) + " (allowed fields: " + String.join(", ", allowed) + ")");
            }
            return this;
        }

        /** A string field that must be present and not blank. */
        public String requiredText(String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("missing field \"" + field + "\"");
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException("field \"" + field + "\" must be a string, but is " + describe(value));
            }
            if (value.textValue().isBlank()) {
                throw new IllegalArgumentException("field \"" + field + "\" is empty");
            }
            return value.textValue();
        }

        /** A string field that may be absent or null; blank counts as absent. */
        public String optionalText(String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException("field \"" + field + "\" must be a string, but is " + describe(value));
            }
            return value.textValue().isBlank() ? null : value.textValue();
        }

        /** The raw object, for mappers that need more. */
        public ObjectNode object() {
            return object;
        }

        private static String describe(JsonNode value) {
            return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + value;
        }
    }
}
