package dev.clave.probe;

import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.model.ModelUnderTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made probe data for tests: items and recordings of answers to the probes' real prompts. */
final class ProbeData {

    private ProbeData() {
    }

    static LabelledSample item(String id, String value, Label label, String text) {
        return new LabelledSample(text, value, label, null, id);
    }

    /** One recorded answer a line, as {@code RecordedAnswers} reads them. */
    static void record(Path file, String model, Map<String, String> answersByPrompt) {
        List<Map<String, String>> lines = new ArrayList<>();
        answersByPrompt.forEach((prompt, answer) -> {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("model", model);
            line.put("prompt", prompt);
            line.put("answer", answer);
            lines.add(line);
        });
        Samples.writeJsonl(file, lines);
    }

    static ModelUnderTest replayed(String id, Path answers) {
        return ModelUnderTest.builder().id(id).answers(answers).build();
    }
}
