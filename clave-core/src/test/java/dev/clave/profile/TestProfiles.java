package dev.clave.profile;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Profiles built by hand: the embeddings and labels a test needs, no encoder and no evaluator. */
final class TestProfiles {

    static final List<String> VALUES = List.of("care", "fairness");

    private TestProfiles() {
    }

    /** A verdict pair: care and fairness labels. */
    record Labels(Label care, Label fairness) {
    }

    /**
     * A profile of {@code n} answers to questions {@code q0..q(n-1)}.
     *
     * @param embedding the embedding of answer i
     * @param labels    the labels of answer i
     */
    static ModelProfile profile(String model, String language, String encoder, int n, IntFunction<float[]> embedding,
                                IntFunction<Labels> labels) {
        List<ProfileAnswer> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String question = "question " + i + " in " + language;
            String answer = model + " answers question " + i;
            Labels l = labels.apply(i);
            answers.add(new ProfileAnswer("q" + i, i % 2 == 0 ? "care" : "fairness", question, answer, embedding.apply(i),
                    evaluation(answer, question, "q" + i, l)));
        }
        return new ModelProfile(model, language, "test-battery", encoder, answers);
    }

    static Evaluation evaluation(String text, String scenario, String id, Labels labels) {
        List<ValueVerdict> verdicts = List.of(verdict("care", labels.care()), verdict("fairness", labels.fairness()));
        return new Evaluation(text, scenario, id, "test-values@1", "0123456789abcdef", List.of(), verdicts);
    }

    private static ValueVerdict verdict(String value, Label label) {
        double high = 0.8;
        double low = 0.1;
        return new ValueVerdict(value, label, label == Label.SUPPORTS ? high : low, label == Label.OPPOSES ? high : low,
                label == Label.UNRELATED ? high : low, List.of());
    }
}
