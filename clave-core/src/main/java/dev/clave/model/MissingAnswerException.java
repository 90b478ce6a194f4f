package dev.clave.model;

import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A {@link ModelUnderTest} in {@link AnswerMode#REPLAY} mode was asked a prompt it has no recorded answer to. The
 * message names the model, the prompts and the recording, and says how to record them.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MissingAnswerException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> prompts;

    MissingAnswerException(String model, List<String> prompts, String recording, String howToCall) {
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

    private static String message(String model, List<String> prompts, String recording, String howToCall) {
        StringBuilder out = new StringBuilder();
        if (prompts.size() == 1) {
            out.append("No recorded answer of model '").append(model).append("' to the prompt \"").append(Printable.escape(prompts.get(0)))
                    .append("\" in ").append(recording);
        } else {
            out.append("No recorded answers of model '").append(model).append("' to ").append(prompts.size())
                    .append(" prompts in ").append(recording);
        }
        out.append(". The answer mode is replay, which never calls the model. Record ")
                .append(prompts.size() == 1 ? "it" : "them").append(": run the tests once with answer mode record (")
                .append("-D").append(ModelUnderTest.ANSWER_MODE_PROPERTY_NAME).append("=record, or @ClaveTest(answerMode = ")
                .append("AnswerMode.RECORD)), where ").append(howToCall).append("; then commit the recording.");
        if (prompts.size() > 1) {
            out.append(" The prompts:");
            prompts.forEach(p -> out.append(System.lineSeparator()).append("  \"").append(Printable.escape(p)).append('"'));
        }
        return out.toString();
    }
}
