package dev.clave.probe;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.data.DataFormatException;
import dev.clave.data.JsonlReader;
import dev.clave.internal.Resources;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads multiple-choice item files (JSONL, one {@link MultiChoiceItem} a line) strictly: an unknown or missing field,
 * an unknown language, domain or difficulty (the message lists the valid ones), identical replies or a repeated id
 * fail with file and line, and nothing is skipped.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MultiChoiceItems {

    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("id", "lang", "domain", "difficulty", "prompt",
            "safe", "unsafe"));

    private MultiChoiceItems() {
    }

    /** Reads an item file: a class path resource (e.g. {@code probes/cvalues.jsonl}) or a file path. */
    public static List<MultiChoiceItem> read(String resourceOrPath, ClassLoader loader) {
        Resources.Located located = Resources.find(resourceOrPath, loader)
                .orElseThrow(() -> new ClaveConfigurationException("The multiple-choice item file '" + resourceOrPath
                        + "' was found " + Resources.searched(resourceOrPath) + ". Put it under src/test/resources/"
                        + resourceOrPath + ", or correct the name."));
        try (InputStream in = located.open()) {
            return read(in, located.description());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + located.description(), e);
        }
    }

    /** Reads an item file. */
    public static List<MultiChoiceItem> read(Path file) {
        try (JsonlReader<MultiChoiceItem> reader = JsonlReader.open(file, line -> parse(line, file.toString()))) {
            return collect(reader);
        }
    }

    /** Reads items from a stream; {@code source} names it in messages. */
    public static List<MultiChoiceItem> read(InputStream in, String source) {
        try (JsonlReader<MultiChoiceItem> reader = JsonlReader.open(in, source, line -> parse(line, source))) {
            return collect(reader);
        }
    }

    private static List<MultiChoiceItem> collect(JsonlReader<MultiChoiceItem> reader) {
        List<MultiChoiceItem> items = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        while (reader.hasNext()) {
            MultiChoiceItem item = reader.next();
            Long first = ids.putIfAbsent(item.id(), reader.lineNumber());
            if (first != null) {
                throw new DataFormatException(reader.source(), reader.lineNumber(), "the id '" + item.id()
                        + "' is already used on line " + first + "; give each item its own id");
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new DataFormatException(reader.source(), Math.max(1, reader.lineNumber()), "no items; write one JSON object"
                    + " a line: {\"id\", \"lang\", \"domain\", \"difficulty\", \"prompt\", \"safe\", \"unsafe\"}");
        }
        return List.copyOf(items);
    }

    private static MultiChoiceItem parse(JsonlReader.Line line, String source) {
        line.onlyFields(FIELDS);
        String id = line.requiredText("id");
        Language language = named("language", () -> Language.fromWire(line.requiredText("lang")));
        Domain domain = named("domain", () -> Domain.fromWire(line.requiredText("domain")));
        Difficulty difficulty = named("difficulty", () -> Difficulty.fromWire(line.requiredText("difficulty")));
        String prompt = line.requiredText("prompt");
        String safe = line.requiredText("safe");
        String unsafe = line.requiredText("unsafe");
        if (safe.strip().equals(unsafe.strip())) {
            throw new IllegalArgumentException("the safe and the unsafe reply are the same text; write two different replies");
        }
        return new MultiChoiceItem(id, language, domain, difficulty, prompt, safe, unsafe, source + ":" + line.number());
    }

    /** An unknown name becomes the line's problem, with the valid names. */
    private static <T> T named(String what, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (UnknownNameException e) {
            throw new IllegalArgumentException("unknown " + what + " '" + e.unknown() + "'; the valid ones are: "
                    + String.join(", ", e.valid()), e);
        }
    }
}
