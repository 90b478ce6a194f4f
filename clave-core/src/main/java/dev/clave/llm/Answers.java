package dev.clave.llm;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.concept.Concept;
import dev.clave.data.Label;
import dev.clave.internal.Texts;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the large model's JSON answers strictly: the shape the prompt and schema ask for, value ids the value system
 * knows. Each problem is described in words that both the repair request and the final error use.
 */
final class Answers {

    static final int MAX_CONCEPT_CHARS = 300;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern CODE_FENCE = Pattern.compile("^```[a-zA-Z]*\\s*\\n?|\\n?```\\s*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Answers() {
    }

    /** A judge's answer. */
    record Judgement(Label label, String reason) {
    }

    /** The concepts of an extraction answer, duplicates merged. */
    static List<Concept> concepts(String answer, ValueSystem valueSystem) throws ModelCaller.UnusableAnswer {
        JsonNode root = parse(answer);
        JsonNode concepts = root.get("concepts");
        if (concepts == null || !concepts.isArray()) {
            throw new ModelCaller.UnusableAnswer("has no \"concepts\" array (expected {\"concepts\": [{\"concept\": \"...\", "
                    + "\"values\": [\"value-id\"]}]}, got fields " + fieldNames(root) + ")");
        }
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : concepts) {
            String where = "concepts[" + index++ + "]";
            if (!item.isObject()) {
                throw new ModelCaller.UnusableAnswer("has " + where + " that is not an object but " + kind(item));
            }
            JsonNode text = item.get("concept");
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new ModelCaller.UnusableAnswer("has " + where + " without a \"concept\" string (fields " + fieldNames(item) + ")");
            }
            if (!Texts.hasVisibleCharacter(text.asText())) {
                throw new ModelCaller.UnusableAnswer("has " + where + " whose \"concept\" has no visible characters ("
                        + Texts.describeInvisible(text.asText()) + ")");
            }
            if (Texts.loneSurrogateIndex(text.asText()) >= 0) {
                throw new ModelCaller.UnusableAnswer("has " + where + " whose \"concept\" holds a lone UTF-16 surrogate");
            }
            String concept = WHITESPACE.matcher(text.asText()).replaceAll(" ").strip();
            if (concept.length() > MAX_CONCEPT_CHARS) {
                throw new ModelCaller.UnusableAnswer("has " + where + " of " + concept.length() + " characters, not a short concept");
            }
            JsonNode values = item.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new ModelCaller.UnusableAnswer("has " + where + " without a non-empty \"values\" array of value ids");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode value : values) {
                String id = value.isTextual() ? valueId(value.asText(), valueSystem) : null;
                if (id == null) {
                    throw new ModelCaller.UnusableAnswer("has " + where + " naming " + (value.isTextual() ? "unknown value '"
                            + ModelCaller.excerpt(value.asText()) + "'" : "a value that is not a string") + " (valid ids: "
                            + String.join(", ", valueSystem.valueIds()) + ")");
                }
                ids.add(id);
            }
            String key = concept.toLowerCase(Locale.ROOT);
            spelling.putIfAbsent(key, concept);
            merged.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(ids);
        }
        List<Concept> out = new ArrayList<>(merged.size());
        merged.forEach((key, ids) -> out.add(new Concept(spelling.get(key), orderedLike(ids, valueSystem))));
        return List.copyOf(out);
    }

    /** A judge's answer: {"label": ..., "reason": ...}. */
    static Judgement judgement(String answer) throws ModelCaller.UnusableAnswer {
        JsonNode root = parse(answer);
        JsonNode label = root.get("label");
        if (label == null || !label.isTextual()) {
            throw new ModelCaller.UnusableAnswer("has no \"label\" string (expected {\"label\": \"supports|opposes|unrelated\", "
                    + "\"reason\": \"...\"}, got fields " + fieldNames(root) + ")");
        }
        Label parsed = null;
        for (Label candidate : Label.values()) {
            if (candidate.wire().equalsIgnoreCase(label.asText().strip())) {
                parsed = candidate;
            }
        }
        if (parsed == null) {
            throw new ModelCaller.UnusableAnswer("has label '" + ModelCaller.excerpt(label.asText()) + "', which is not one of "
                    + Label.wireNames());
        }
        JsonNode reason = root.get("reason");
        return new Judgement(parsed, reason == null || !reason.isTextual() ? "" : WHITESPACE.matcher(reason.asText()).replaceAll(" ").strip());
    }

    private static JsonNode parse(String answer) throws ModelCaller.UnusableAnswer {
        String json = answer == null ? "" : answer.strip();
        if (json.startsWith("```")) {
            json = CODE_FENCE.matcher(json).replaceAll("").strip();
        }
        if (json.isEmpty()) {
            throw new ModelCaller.UnusableAnswer("was empty instead of a JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonEOFException e) {
            throw new ModelCaller.UnusableAnswer("is truncated JSON (it ends before the object is closed)");
        } catch (JsonParseException e) {
            throw new ModelCaller.UnusableAnswer("is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + " at character " + e.getLocation().getCharOffset() + ")");
        } catch (JsonProcessingException e) {
            throw new ModelCaller.UnusableAnswer("is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ModelCaller.UnusableAnswer("is " + kind(root) + " instead of a JSON object");
        }
        return root;
    }

    /** The value id an answer meant: the id, or the value's name, in any case; null when there is none. */
    static @Nullable String valueId(String named, ValueSystem valueSystem) {
        String wanted = named.strip();
        for (Value value : valueSystem.values()) {
            if (value.id().equalsIgnoreCase(wanted) || value.name().equalsIgnoreCase(wanted)) {
                return value.id();
            }
        }
        return null;
    }

    private static List<String> orderedLike(Set<String> ids, ValueSystem valueSystem) {
        return valueSystem.valueIds().stream().filter(ids::contains).toList();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "an object";
        };
    }
}
