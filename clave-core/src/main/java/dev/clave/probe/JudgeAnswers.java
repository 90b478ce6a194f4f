package dev.clave.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the judge's answer: one JSON object {@code {"attribution": 1-5, "counterfactual": 1-5, "rebuttal": 1-5}},
 * possibly inside a Markdown code fence or after a sentence. A score is a whole number from 1 to 5 (also written as a
 * string, {@code "4"}); anything else is a problem that says what is wrong.
 */
final class JudgeAnswers {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JudgeAnswers() {
    }

    /** The scores, or the problem. */
    record Read(CritiqueScores scores, String problem) {
    }

    static Read read(String answer) {
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            return problem("has no JSON object");
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            return problem("is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isObject()) {
            return problem("is not a JSON object");
        }
        int[] scores = new int[3];
        CritiqueScores.Part[] parts = CritiqueScores.Part.values();
        for (int i = 0; i < parts.length; i++) {
            JsonNode node = root.get(parts[i].wire());
            if (node == null || node.isNull()) {
                return problem("has no field \"" + parts[i].wire() + "\"");
            }
            Integer score = score(node);
            if (score == null) {
                return problem("gives \"" + parts[i].wire() + "\" the value " + node + ", not a whole number from 1 to 5");
            }
            scores[i] = score;
        }
        return new Read(new CritiqueScores(scores[0], scores[1], scores[2]), null);
    }

    private static Integer score(JsonNode node) {
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual() && node.textValue().strip().matches("[1-5]")) {
            value = Integer.parseInt(node.textValue().strip());
        } else {
            return null;
        }
        if (value != Math.rint(value) || value < 1 || value > 5) {
            return null;
        }
        return (int) value;
    }

    private static Read problem(String problem) {
        return new Read(null, "it " + problem);
    }
}
