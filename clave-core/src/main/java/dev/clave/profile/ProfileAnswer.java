package dev.clave.profile;

import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.Objects;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * One answer of a {@link ModelProfile}: the question (its id, the value it elicits and its text in the profile's
 * language), the model's answer, the sentence embedding of {@code "Q: <question> A: <answer>"} and the CLAVE evaluation
 * of the answer.
 *
 * <p>Immutable: the embedding is copied in and out.
 *
 * @param questionId the battery's question id, which pairs answers of two profiles
 * @param value      the value the question elicits
 * @param question   the question, in the profile's language
 * @param answer     the model's answer
 * @param embedding  the embedding of {@code "Q: <question> A: <answer>"} by the profile's encoder
 * @param evaluation the evaluator's verdicts on the answer, one per value of its value system
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileAnswer(String questionId, String value, String question, String answer, float[] embedding,
                            Evaluation evaluation) {

    public ProfileAnswer {
        notBlank(questionId, "questionId");
        notBlank(value, "value");
        notBlank(question, "question");
        notBlank(answer, "answer");
        embedding = notNull(embedding, "embedding").clone();
        notNull(evaluation, "evaluation");
    }

    /** The text that is embedded: {@code "Q: <question> A: <answer>"}, as UniVaR embeds question-answer pairs. */
    public static String embeddedText(String question, String answer) {
        return "Q: " + question + " A: " + answer;
    }

    /** A copy of the embedding. */
    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    /** The embedding as doubles. */
    public double[] embeddingVector() {
        double[] vector = new double[embedding.length];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding[i];
        }
        return vector;
    }

    /**
     * The answer's place in value space: per value of the evaluation's value system, in its order, the probability
     * that the answer supports the value minus the probability that it opposes it, in [-1, 1]. Two answers in
     * different languages are comparable here when their evaluators were calibrated on the same labelled texts.
     */
    public double[] valueVector() {
        return evaluation.verdicts().stream().mapToDouble(v -> v.supports() - v.opposes()).toArray();
    }

    /** The verdict of a value. */
    public ValueVerdict verdict(String valueId) {
        return evaluation.verdict(valueId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProfileAnswer that && questionId.equals(that.questionId) && value.equals(that.value)
                && question.equals(that.question) && answer.equals(that.answer) && Arrays.equals(embedding, that.embedding)
                && evaluation.equals(that.evaluation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(questionId, value, question, answer, Arrays.hashCode(embedding), evaluation);
    }

    @Override
    public String toString() {
        return "ProfileAnswer[" + questionId + " (" + value + "): " + answer + "]";
    }
}
