package dev.clave.model;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A {@link ModelUnderTest} in {@link AnswerMode#REPLAY} mode was asked a prompt it has no recorded answer to. The
 * message names the model, the prompts and the recording, and says how to record them; when the answers file does not
 * exist it says so and where it was looked for, and when the file holds no answer of this model at all it lists the
 * model ids it does hold (a misspelt id is the usual cause).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MissingAnswerException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> prompts;

    MissingAnswerException(String model, List<String> prompts, RecordedAnswers recording, String howToCall) {
        super(Printable.escapeKeepingLines(message(model, prompts, recording, howToCall)));
        this.model = model;
        this.prompts = List.copyOf(prompts);
    }

    /** The model id. */
    public String model() {
        return model;
    }

    /** The prompts without a recorded answer. */
    public List<String> prompts() {
        return prompts;
    }

    private static String message(String model, List<String> prompts, RecordedAnswers recording, String howToCall) {
        StringBuilder out = new StringBuilder();
        String record = "run the tests once with answer mode record (-D" + ModelUnderTest.ANSWER_MODE_PROPERTY_NAME
                + "=record, or @ClaveTest(answerMode = AnswerMode.RECORD)), where " + howToCall + "; then commit the recording.";
        List<String> models = recording.models();
        if (!recording.exists()) {
            out.append("No recorded answers of model '").append(model).append("': the answers file ")
                    .append(recording.description()).append(" does not exist (").append(recording.whereLooked())
                    .append("). Correct the answers file's name (@ClaveTest(answers = ...) or ")
                    .append(ModelUnderTest.ANSWERS_PROPERTY_NAME).append("), or record the answers into it: ").append(record);
        } else if (!models.isEmpty() && !models.contains(model)) {
            out.append("No recorded answers of model '").append(model).append("' in ").append(recording.description())
                    .append(": it holds answers of ").append(models.size() == 1 ? "model " : "models ")
                    .append(String.join(", ", models.stream().map(m -> "'" + m + "'").toList())).append('.');
            UnknownNameException.nearest(model, models).ifPresent(m -> out.append(" Did you mean '").append(m).append("'?"));
            out.append(" Correct the model id (@ClaveTest(model = ...), @Model(...) or ").append(ModelUnderTest.MODEL_PROPERTY_NAME)
                    .append("), or record this model's answers: ").append(record);
        } else {
            if (prompts.size() == 1) {
                out.append("No recorded answer of model '").append(model).append("' to the prompt \"").append(prompts.get(0))
                        .append("\" in ").append(recording.description());
            } else {
                out.append("No recorded answers of model '").append(model).append("' to ").append(prompts.size())
                        .append(" prompts in ").append(recording.description());
            }
            out.append(". The answer mode is replay, which never calls the model. Record ")
                    .append(prompts.size() == 1 ? "it" : "them").append(": ").append(record);
        }
        if (prompts.size() > 1) {
            out.append(" The prompts:");
            prompts.forEach(p -> out.append(System.lineSeparator()).append("  \"").append(Printable.escape(p)).append('"'));
        }
        return out.toString();
    }
}
