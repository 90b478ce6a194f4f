package dev.clave.probe;

import dev.clave.data.Label;
import dev.clave.data.LabelledSample;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The model's know-what answer to one item: whether the item's text reflects its value.
 *
 * @param item      the labelled item; its label is the human one
 * @param answer    the model's raw answer
 * @param predicted the label its first answer letter stands for, or null when it has none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record KnowWhatAnswer(LabelledSample item, String answer, @Nullable Label predicted) {

    /** How an answer compares with the human label. */
    public enum Outcome {
        /** Its letter is the human label's. */
        CORRECT,
        /** Its letter is another label's. */
        WRONG,
        /** It has no answer letter. */
        UNPARSEABLE;

        /** {@code correct}, {@code wrong} or {@code unparseable}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public KnowWhatAnswer {
        notNull(item, "item");
        notNull(answer, "answer");
    }

    /** The answer as {@link KnowWhatAnswerParser} reads it. */
    public static KnowWhatAnswer of(LabelledSample item, String answer) {
        return new KnowWhatAnswer(item, answer, KnowWhatAnswerParser.label(answer).orElse(null));
    }

    /** The predicted label, when the answer had a letter. */
    public Optional<Label> prediction() {
        return Optional.ofNullable(predicted);
    }

    /** Correct, wrong or unparseable. */
    public Outcome outcome() {
        if (predicted == null) {
            return Outcome.UNPARSEABLE;
        }
        return predicted == item.label() ? Outcome.CORRECT : Outcome.WRONG;
    }
}
