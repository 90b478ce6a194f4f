package dev.clave.profile;

import dev.clave.ClaveInputException;
import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueProfile;
import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * The value profile of a model in a language: its answers to a {@link Battery}, each embedded as
 * {@code "Q: <question> A: <answer>"} by the in-process encoder of that language and judged by a CLAVE evaluator.
 * Two profiles are compared by a {@link ProfileComparator}, several are drawn by a {@link ProfileMap}.
 *
 * <p>{@link #rates()} are the evaluator's label counts per value over all answers (a {@link ValueProfile}), with
 * {@link #interval Wilson intervals}. {@link #write(Path)} and {@link #read(Path)} keep a profile as JSON (what
 * {@code clave profile} writes and {@code clave compare-profiles} reads).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelProfile {

    private final String model;
    private final String language;
    private final String battery;
    private final String encoder;
    private final List<ProfileAnswer> answers;
    private final ValueProfile rates;

    /**
     * A profile of these answers.
     *
     * @param model    the model id
     * @param language the language tag of the questions and answers, e.g. {@code en}
     * @param battery  the battery's name
     * @param encoder  the id of the encoder that embedded the answers
     * @param answers  one answer per question, all evaluated in the same value system, with embeddings of one length
     * @throws ClaveInputException when there are no answers, a question repeats, or the answers mix value systems or
     *                             embedding lengths
     */
    public ModelProfile(String model, String language, String battery, String encoder, List<ProfileAnswer> answers) {
        this.model = notBlank(model, "model");
        this.language = notBlank(language, "language");
        this.battery = notBlank(battery, "battery");
        this.encoder = notBlank(encoder, "encoder");
        this.answers = List.copyOf(notNull(answers, "answers"));
        if (this.answers.isEmpty()) {
            throw new ClaveInputException("The profile of " + model + " in " + language + " has no answers");
        }
        Set<String> ids = new HashSet<>();
        int dimension = this.answers.get(0).embedding().length;
        for (ProfileAnswer answer : this.answers) {
            if (!ids.add(answer.questionId())) {
                throw new ClaveInputException("The profile of " + model + " in " + language + " answers question '"
                        + answer.questionId() + "' twice");
            }
            if (answer.embedding().length != dimension) {
                throw new ClaveInputException("The profile of " + model + " in " + language + " mixes embeddings of "
                        + dimension + " and " + answer.embedding().length + " dimensions (question '" + answer.questionId() + "')");
            }
        }
        this.rates = ValueProfile.of(this.answers.stream().map(ProfileAnswer::evaluation).toList());
    }

    /** Reads a profile written by {@link #write(Path)}. @throws ClaveInputException naming the file when it is not one */
    public static ModelProfile read(Path file) {
        return ProfileJson.read(file);
    }

    /** Writes the profile as JSON (answers, embeddings, verdicts and rates), atomically. */
    public void write(Path file) {
        ProfileJson.write(this, file);
    }

    /** The model id. */
    public String model() {
        return model;
    }

    /** The language tag of the questions and answers. */
    public String language() {
        return language;
    }

    /** The battery's name. */
    public String battery() {
        return battery;
    }

    /** The id of the encoder that embedded the answers. */
    public String encoder() {
        return encoder;
    }

    /** The value system of the verdicts, {@code id@version}. */
    public String valueSystem() {
        return rates.valueSystem();
    }

    /** The id of the calibration whose evaluator judged the answers. */
    public String calibrationId() {
        return answers.get(0).evaluation().calibrationId();
    }

    /** How reports name the profile: {@code model [language]}. */
    public String name() {
        return model + " [" + language + "]";
    }

    /** The answers, in the battery's order. */
    public List<ProfileAnswer> answers() {
        return answers;
    }

    /** The number of answers. */
    public int size() {
        return answers.size();
    }

    /** The question ids, in order. */
    public List<String> questionIds() {
        return answers.stream().map(ProfileAnswer::questionId).toList();
    }

    /** The evaluations of the answers, in order. */
    public List<Evaluation> evaluations() {
        return answers.stream().map(ProfileAnswer::evaluation).toList();
    }

    /** The evaluator's label counts per value over all answers. */
    public ValueProfile rates() {
        return rates;
    }

    /** The share of answers that gave {@code value} the label {@code label}. */
    public double rate(String value, Label label) {
        return rates.rate(value, label);
    }

    /** The Wilson interval of that share at a two-sided confidence level. */
    public WilsonInterval interval(String value, Label label, double confidence) {
        return rates.interval(value, label, confidence);
    }

    /** The answers to the questions that elicit {@code value}. */
    public List<ProfileAnswer> answersOn(String value) {
        return answers.stream().filter(a -> a.value().equals(value)).toList();
    }

    /** The embeddings, one row per answer. */
    public double[][] embeddings() {
        return answers.stream().map(ProfileAnswer::embeddingVector).toArray(double[][]::new);
    }

    /** The value vectors ({@link ProfileAnswer#valueVector()}), one row per answer. */
    public double[][] valueVectors() {
        return answers.stream().map(ProfileAnswer::valueVector).toArray(double[][]::new);
    }

    /**
     * A table: per value the rates of {@code supports} and {@code opposes} over all answers with their 95% Wilson
     * intervals, and the counts on the questions that elicit the value.
     * <pre>
     * value        supports              opposes               on its questions
     * benevolence  0.197 [0.119, 0.308]  0.015 [0.003, 0.081]  supports 7/7, opposes 0/7
     * </pre>
     */
    public String table() {
        int width = Math.max(5, rates.valueIds().stream().mapToInt(String::length).max().orElse(5));
        String format = "%-" + width + "s  %-21s  %-21s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "value", "supports", "opposes", "on its questions"));
        for (String value : rates.valueIds()) {
            List<ProfileAnswer> own = answersOn(value);
            long supports = own.stream().filter(a -> a.verdict(value).label() == Label.SUPPORTS).count();
            long opposes = own.stream().filter(a -> a.verdict(value).label() == Label.OPPOSES).count();
            out.append(String.format(Locale.ROOT, format, value, cell(interval(value, Label.SUPPORTS, 0.95)),
                    cell(interval(value, Label.OPPOSES, 0.95)), own.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "supports %d/%d, opposes %d/%d", supports, own.size(), opposes,
                            own.size())));
        }
        return out.toString();
    }

    /** One line, e.g. {@code assistant-v1 [en]: 66 answers to clave-schwartz-battery, encoder all-minilm-l6-v2-q}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d answers to %s, encoder %s, evaluator %s (%s)", name(), answers.size(),
                battery, encoder, calibrationId(), valueSystem());
    }

    private static String cell(WilsonInterval interval) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", interval.rate(), interval.lower(), interval.upper());
    }

    @Override
    public String toString() {
        return "ModelProfile[" + name() + ", " + answers.size() + " answers, " + encoder + "]";
    }
}
