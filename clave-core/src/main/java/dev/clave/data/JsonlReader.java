package dev.clave.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clave.ClaveInputException;
import dev.clave.internal.Texts;
import org.apiguardian.api.API;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of a JSONL file, one JSON object per line, strictly. A line ends at {@code \n}, {@code \r\n}
 * or a lone {@code \r}. Each of these stops the read with a {@link DataFormatException} that names the file and the
 * line, which is always the first bad line of the file, since lines are read and checked one at a time:
 * <ul>
 *   <li>invalid UTF-8;</li>
 *   <li>invalid JSON, or a line that is not one JSON object: a second object or any other text after it, an array,
 *       a string;</li>
 *   <li>a field given twice in one object;</li>
 *   <li>a string holding a lone UTF-16 surrogate (a broken {@code &#92;uD83D} escape);</li>
 *   <li>a line holding only invisible characters (a no-break space, a zero-width space);</li>
 *   <li>a line longer than {@value #MAX_LINE_BYTES} bytes;</li>
 *   <li>whatever the record mapper rejects: an unexpected field, a field of the wrong type, an empty text.</li>
 * </ul>
 * Empty lines and lines of spaces and tabs are skipped; a UTF-8 byte order mark at the start of the file is allowed.
 * Memory use does not grow with the file: records are parsed one line at a time. The input may be a pipe: it is read
 * once, from start to end.
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

    /** The longest line read, in bytes (16 MiB): a longer one is a format error, not a reason to run out of memory. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(1024);
    private final String source;
    private final RecordMapper<T> mapper;
    private final int maxLineBytes;
    private long lineNumber;
    private boolean afterCarriageReturn;
    private T next;
    private boolean done;

    private JsonlReader(InputStream in, String source, RecordMapper<T> mapper, int maxLineBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.source = source;
        this.mapper = mapper;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Opens a file, which may also be a pipe such as {@code /dev/stdin}. A missing or unreadable file, or a directory,
     * is a {@link ClaveInputException} naming it.
     */
    public static <T> JsonlReader<T> open(Path file, RecordMapper<T> mapper) {
        if (Files.isDirectory(file)) {
            throw new ClaveInputException("Data file " + file.toAbsolutePath() + " is a directory; give a JSONL file");
        }
        try {
            return new JsonlReader<>(Files.newInputStream(file), file.toString(), mapper, MAX_LINE_BYTES);
        } catch (NoSuchFileException e) {
            throw new ClaveInputException("Data file " + file.toAbsolutePath() + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ClaveInputException("Data file " + file.toAbsolutePath() + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new ClaveInputException("Cannot open data file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads from a stream; {@code source} names it in error messages (e.g. a classpath resource). */
    public static <T> JsonlReader<T> open(InputStream in, String source, RecordMapper<T> mapper) {
        return new JsonlReader<>(in, source, mapper, MAX_LINE_BYTES);
    }

    /** As {@link #open(InputStream, String, RecordMapper)} with another line limit, for tests. */
    static <T> JsonlReader<T> open(InputStream in, String source, RecordMapper<T> mapper, int maxLineBytes) {
        return new JsonlReader<>(in, source, mapper, maxLineBytes);
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
        try {
            next = readNext();
        } catch (RuntimeException e) {
            done = true;
            throw e;
        }
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
            if (isBlankLine(text)) {
                continue;
            }
            ObjectNode object = parseObject(text);
            try {
                return mapper.map(new Line(object, lineNumber));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(source, lineNumber, e.getMessage(), e);
            }
        }
    }

    private static boolean isBlankLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The line as one JSON object, with nothing before or after it, no repeated field and no lone surrogate. */
    private ObjectNode parseObject(String text) {
        if (!Texts.hasVisibleCharacter(text)) {
            throw new DataFormatException(source, lineNumber, "the line holds no JSON object, " + Texts.describeInvisible(text)
                    + "; remove the line or write one JSON object on it");
        }
        JsonNode node;
        try (JsonParser parser = JSON.createParser(text)) {
            node = JSON.readTree(parser);
            if (node instanceof ObjectNode) {
                trailing(parser);
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new DataFormatException(source, lineNumber, "invalid JSON" + column + ": " + firstLine(e.getOriginalMessage())
                    + " (expected one JSON object per line)", e);
        } catch (IOException e) {
            throw new DataFormatException(source, lineNumber, "invalid JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DataFormatException(source, lineNumber, "expected a JSON object, but found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        checkStrings(object, "");
        return object;
    }

    private void trailing(JsonParser parser) throws IOException {
        int column = parser.currentLocation().getColumnNr();
        JsonToken after;
        try {
            after = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new DataFormatException(source, lineNumber, "unexpected text after the JSON object at column " + column
                    + ": " + firstLine(e.getOriginalMessage()) + " (expected one JSON object per line)", e);
        }
        if (after != null) {
            String what = after == JsonToken.START_OBJECT ? "a second JSON object" : after == JsonToken.START_ARRAY
                    ? "a JSON array" : "more text";
            throw new DataFormatException(source, lineNumber, what + " follows the JSON object at column " + column
                    + "; write one JSON object per line");
        }
    }

    /** Fails on the first field name or string value that holds a lone surrogate, naming its field. */
    private void checkStrings(JsonNode node, String path) {
        if (node.isTextual()) {
            int lone = Texts.loneSurrogateIndex(node.textValue());
            if (lone >= 0) {
                throw new DataFormatException(source, lineNumber, Texts.loneSurrogate(describe(path), node.textValue(), lone));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                int lone = Texts.loneSurrogateIndex(field.getKey());
                if (lone >= 0) {
                    throw new DataFormatException(source, lineNumber, Texts.loneSurrogate("the field name \"" + name + "\"",
                            field.getKey(), lone));
                }
                checkStrings(field.getValue(), name);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStrings(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the value" : "field \"" + path + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The next line, decoded strictly as UTF-8 (so that an encoding error has an exact line number), or null at the
     * end. {@code \n}, {@code \r\n} and a lone {@code \r} each end a line.
     */
    private String readLine() {
        lineBytes.reset();
        try {
            int b = in.read();
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    b = in.read();
                }
            }
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n' && b != '\r') {
                if (lineBytes.size() >= maxLineBytes) {
                    throw new DataFormatException(source, lineNumber + 1, "the line is longer than " + maxLineBytes
                            + " bytes; write one JSON object per line, each shorter than that");
                }
                lineBytes.write(b);
                b = in.read();
            }
            afterCarriageReturn = b == '\r';
        } catch (IOException e) {
            throw new ClaveInputException("Cannot read " + source + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
        lineNumber++;
        try {
            return decoder.decode(ByteBuffer.wrap(lineBytes.toByteArray())).toString();
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
            throw new ClaveInputException("Cannot close " + source + ": " + e.getMessage(), e);
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

        /** A string field that must be present, with a visible character (not only spaces or zero-width spaces). */
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
            return Texts.requireText(value.textValue(), "field \"" + field + "\"");
        }

        /** A string field that may be absent or null; one without visible characters counts as absent. */
        public String optionalText(String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException("field \"" + field + "\" must be a string, but is " + describe(value));
            }
            return Texts.hasVisibleCharacter(value.textValue()) ? value.textValue() : null;
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
