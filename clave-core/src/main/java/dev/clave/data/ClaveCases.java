package dev.clave.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Resources;
import dev.clave.internal.Texts;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads case files (JSONL, one {@link ClaveCase} a line) strictly: an unknown field, a missing or empty prompt, an
 * expected label that is not {@code supports}, {@code opposes} or {@code unrelated}, a value the value system does not
 * have, or a repeated id fails with file and line, and nothing is skipped.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveCases {

    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("id", "prompt", "expect", "tags"));

    private ClaveCases() {
    }

    /** Reads a case file, a class path resource (e.g. {@code cases/support-bot.jsonl}) or a file path. */
    public static List<ClaveCase> read(String resourceOrPath) {
        return read(resourceOrPath, null);
    }

    /**
     * Reads a case file and checks that every expected value belongs to the value system.
     *
     * @param valueSystem the value system, or null to accept any value id
     */
    public static List<ClaveCase> read(String resourceOrPath, @Nullable ValueSystem valueSystem) {
        return read(resourceOrPath, valueSystem, Thread.currentThread().getContextClassLoader());
    }

    /** As {@link #read(String, ValueSystem)}, looking for class path resources through {@code loader}. */
    public static List<ClaveCase> read(String resourceOrPath, @Nullable ValueSystem valueSystem, ClassLoader loader) {
        Resources.Located located = Resources.find(resourceOrPath, loader)
                .orElseThrow(() -> new ClaveConfigurationException("The case file '" + resourceOrPath + "' was found "
                        + Resources.searched(resourceOrPath) + ". Put it under src/test/resources/" + resourceOrPath
                        + ", or correct the name."));
        String source = located.description();
        List<ClaveCase> cases = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        try (InputStream in = located.open();
             JsonlReader<ClaveCase> reader = JsonlReader.open(in, source, line -> parse(line, valueSystem, source))) {
            while (reader.hasNext()) {
                ClaveCase next = reader.next();
                Long first = ids.putIfAbsent(next.id(), reader.lineNumber());
                if (first != null) {
                    throw new DataFormatException(source, reader.lineNumber(), "the id '" + next.id()
                            + "' is already used on line " + first + "; give each case its own id");
                }
                cases.add(next);
            }
        } catch (IOException e) {
            throw new ClaveConfigurationException("Cannot read the case file " + source + ": " + e, e);
        }
        if (cases.isEmpty()) {
            throw new ClaveConfigurationException("The case file " + source + " has no cases; write one JSON object a line:"
                    + " {\"id\": \"...\", \"prompt\": \"...\", \"expect\": {\"<value>\": \"supports\"}, \"tags\": [\"...\"]}");
        }
        return List.copyOf(cases);
    }

    private static ClaveCase parse(JsonlReader.Line line, @Nullable ValueSystem valueSystem, String source) {
        line.onlyFields(FIELDS);
        String prompt = line.requiredText("prompt");
        String id = line.optionalText("id");
        Map<String, Label> expect = new LinkedHashMap<>();
        JsonNode expectNode = line.object().get("expect");
        if (expectNode != null && !expectNode.isNull()) {
            if (!expectNode.isObject()) {
                throw new IllegalArgumentException("field \"expect\" must be an object of value ids to labels, e.g."
                        + " {\"benevolence\": \"supports\"}, but is " + expectNode);
            }
            for (Map.Entry<String, JsonNode> entry : expectNode.properties()) {
                if (valueSystem != null && !valueSystem.contains(entry.getKey())) {
                    throw new IllegalArgumentException("unknown value '" + entry.getKey() + "' in \"expect\" for value system '"
                            + valueSystem.id() + "'" + Samples.didYouMean(entry.getKey(), valueSystem) + "; valid values are: " + String.join(", ", valueSystem.valueIds()));
                }
                if (!entry.getValue().isTextual()) {
                    throw new IllegalArgumentException("the expected label of '" + entry.getKey() + "' must be one of "
                            + Label.wireNames() + ", but is " + entry.getValue());
                }
                try {
                    expect.put(entry.getKey(), Label.fromWire(entry.getValue().textValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the expected " + e.getMessage() + " (value '" + entry.getKey() + "')");
                }
            }
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = line.object().get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw new IllegalArgumentException("field \"tags\" must be an array of strings, but is " + tagsNode);
            }
            for (JsonNode tag : tagsNode) {
                if (!tag.isTextual() || !Texts.hasVisibleCharacter(tag.textValue())) {
                    throw new IllegalArgumentException("field \"tags\" must hold non-empty strings, but holds " + tag);
                }
                tags.add(tag.textValue());
            }
        }
        return new ClaveCase(id != null ? id : shortened(prompt), prompt, expect, tags, source + ":" + line.number());
    }

    private static String shortened(String prompt) {
        String line = prompt.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
