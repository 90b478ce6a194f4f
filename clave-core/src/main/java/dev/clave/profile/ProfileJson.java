package dev.clave.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.internal.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link ModelProfile}: what {@code clave profile} writes and {@code clave compare-profiles} reads.
 * <pre>{@code
 * {"format": "clave-profile/1", "model": "...", "language": "en", "battery": "...", "encoder": "...",
 *  "valueSystem": "schwartz@1", "calibrationId": "...",
 *  "rates": {"benevolence": {"supports": 13, "opposes": 1, "unrelated": 52}, ...},
 *  "answers": [{"question": "q08", "value": "benevolence", "prompt": "...", "answer": "...",
 *               "verdicts": {"benevolence": {"label": "supports", "supports": 0.91, "opposes": 0.02, "unrelated": 0.07}, ...},
 *               "embedding": [0.0123, ...]}]}
 * }</pre>
 * {@code rates} is written for readers and recomputed on reading; evidence concepts are not kept.
 */
final class ProfileJson {

    static final String FORMAT = "clave-profile/1";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ProfileJson() {
    }

    static void write(ModelProfile profile, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("model", profile.model());
        root.put("language", profile.language());
        root.put("battery", profile.battery());
        root.put("encoder", profile.encoder());
        root.put("valueSystem", profile.valueSystem());
        root.put("calibrationId", profile.calibrationId());
        ObjectNode rates = root.putObject("rates");
        for (ValueProfile.ValueCounts counts : profile.rates().values()) {
            ObjectNode value = rates.putObject(counts.value());
            value.put("supports", counts.supports());
            value.put("opposes", counts.opposes());
            value.put("unrelated", counts.unrelated());
        }
        ArrayNode answers = root.putArray("answers");
        for (ProfileAnswer answer : profile.answers()) {
            ObjectNode node = answers.addObject();
            node.put("question", answer.questionId());
            node.put("value", answer.value());
            node.put("prompt", answer.question());
            node.put("answer", answer.answer());
            ObjectNode verdicts = node.putObject("verdicts");
            for (ValueVerdict verdict : answer.evaluation().verdicts()) {
                ObjectNode v = verdicts.putObject(verdict.value());
                v.put("label", verdict.label().wire());
                v.put("supports", verdict.supports());
                v.put("opposes", verdict.opposes());
                v.put("unrelated", verdict.unrelated());
            }
            ArrayNode embedding = node.putArray("embedding");
            for (float x : answer.embedding()) {
                embedding.add(x);
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the profile to " + file, e);
        }
    }

    static ModelProfile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ClaveInputException("The profile file " + file.toAbsolutePath() + " does not exist; write one with"
                    + " `clave profile`");
        } catch (JsonProcessingException e) {
            throw new ClaveInputException(file + ": not a JSON profile: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the profile " + file, e);
        }
        Reader reader = new Reader(file);
        if (root == null || !root.isObject()) {
            throw reader.problem("", "must be a JSON object");
        }
        String format = reader.text(root, "format", "");
        if (!FORMAT.equals(format)) {
            throw reader.problem("/format", "must be \"" + FORMAT + "\", but is \"" + format + "\"");
        }
        String valueSystem = reader.text(root, "valueSystem", "");
        String calibrationId = reader.text(root, "calibrationId", "");
        JsonNode answersNode = root.get("answers");
        if (answersNode == null || !answersNode.isArray() || answersNode.isEmpty()) {
            throw reader.problem("/answers", "must be a non-empty array of answers");
        }
        List<ProfileAnswer> answers = new ArrayList<>();
        for (int i = 0; i < answersNode.size(); i++) {
            JsonNode node = answersNode.get(i);
            String at = "/answers/" + i;
            String question = reader.text(node, "question", at);
            String prompt = reader.text(node, "prompt", at);
            String answer = reader.text(node, "answer", at);
            JsonNode verdictsNode = node.get("verdicts");
            if (verdictsNode == null || !verdictsNode.isObject() || verdictsNode.isEmpty()) {
                throw reader.problem(at + "/verdicts", "must be an object of value ids to verdicts");
            }
            List<ValueVerdict> verdicts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : verdictsNode.properties()) {
                String vat = at + "/verdicts/" + entry.getKey();
                JsonNode v = entry.getValue();
                Label label;
                try {
                    label = Label.fromWire(reader.text(v, "label", vat));
                } catch (IllegalArgumentException e) {
                    throw reader.problem(vat + "/label", e.getMessage());
                }
                verdicts.add(new ValueVerdict(entry.getKey(), label, reader.probability(v, "supports", vat),
                        reader.probability(v, "opposes", vat), reader.probability(v, "unrelated", vat), List.of()));
            }
            JsonNode embeddingNode = node.get("embedding");
            if (embeddingNode == null || !embeddingNode.isArray() || embeddingNode.isEmpty()) {
                throw reader.problem(at + "/embedding", "must be a non-empty array of numbers");
            }
            float[] embedding = new float[embeddingNode.size()];
            for (int d = 0; d < embedding.length; d++) {
                JsonNode x = embeddingNode.get(d);
                if (!x.isNumber()) {
                    throw reader.problem(at + "/embedding/" + d, "must be a number, but is " + x);
                }
                embedding[d] = x.floatValue();
            }
            Evaluation evaluation = new Evaluation(answer, prompt, question, valueSystem, calibrationId, List.of(), verdicts);
            answers.add(new ProfileAnswer(question, reader.text(node, "value", at), prompt, answer, embedding, evaluation));
        }
        try {
            return new ModelProfile(reader.text(root, "model", ""), reader.text(root, "language", ""),
                    reader.text(root, "battery", ""), reader.text(root, "encoder", ""), answers);
        } catch (ClaveInputException | IllegalArgumentException e) {
            throw new ClaveInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Typed access to the tree whose failures name the file and the JSON pointer. */
    private record Reader(Path file) {

        ClaveInputException problem(String pointer, String what) {
            return new ClaveInputException(file + ": " + (pointer.isEmpty() ? "the profile" : pointer) + " " + what);
        }

        String text(JsonNode node, String field, String at) {
            JsonNode value = node == null ? null : node.get(field);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw problem(at + "/" + field, "must be a non-empty string" + (value == null ? ", but is missing" : ", but is "
                        + value));
            }
            return value.textValue();
        }

        double probability(JsonNode node, String field, String at) {
            JsonNode value = node.get(field);
            if (value == null || !value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
                throw problem(at + "/" + field, "must be a probability between 0 and 1" + (value == null ? ", but is missing"
                        : ", but is " + value));
            }
            return value.doubleValue();
        }
    }
}
