package dev.clave.profile;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveInputException;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueEvaluator;
import dev.clave.model.ModelUnderTest;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Builds {@link ModelProfile}s: asks a {@link ModelUnderTest} every question of a {@link Battery} in one language
 * (recorded answers are replayed like in any value test), embeds each question and answer as
 * {@code "Q: <question> A: <answer>"} with the in-process encoder of that language, and has the CLAVE evaluator of that
 * language judge each answer.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.builder()
 *         .evaluator("en", englishEvaluator)     // calibrated on English labelled texts
 *         .evaluator("zh", chineseEvaluator)     // calibrated on the same texts in Chinese
 *         .build();                              // Clave's standard battery
 * ModelProfile v1 = profiler.profile(baseline, "en");
 * ModelProfile v2 = profiler.profile(candidate, "en");
 * ProfileComparison comparison = ProfileComparator.defaults().compare(v1, v2);
 * }</pre>
 *
 * <p>Encoders: by default the one Clave calibrates with for texts like the battery's questions in that language
 * ({@link Encoder#forTexts}: {@code all-minilm-l6-v2-q} for English, {@code bge-small-zh-v15} for Chinese); set one per
 * language with {@link Builder#encoder(String, Encoder)}. Immutable and thread-safe; the encoders are shared by the JVM.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Profiler {

    private final Battery battery;
    private final Map<String, ValueEvaluator> evaluators;
    private final @Nullable ValueEvaluator anyLanguage;
    private final Map<String, Encoder> encoders;
    private final ProfileObserver observer;

    private Profiler(Builder builder) {
        this.battery = builder.battery;
        this.evaluators = Map.copyOf(builder.evaluators);
        this.anyLanguage = builder.anyLanguage;
        if (evaluators.isEmpty() && anyLanguage == null) {
            throw new ClaveConfigurationException("A profiler needs a calibrated evaluator to judge the answers: give one per"
                    + " language with evaluator(\"en\", ...), or one for every language with evaluator(...)");
        }
        evaluators.keySet().forEach(battery::requireLanguage);
        Map<String, Encoder> chosen = new LinkedHashMap<>();
        for (String language : battery.languages()) {
            chosen.put(language, builder.encoders.getOrDefault(language, Encoder.forTexts(battery.prompts(language))));
        }
        builder.encoders.keySet().forEach(battery::requireLanguage);
        this.encoders = chosen;
        this.observer = new ProfileObserver() { };
    }

    private Profiler(Profiler shared, ProfileObserver observer) {
        this.battery = shared.battery;
        this.evaluators = shared.evaluators;
        this.anyLanguage = shared.anyLanguage;
        this.encoders = shared.encoders;
        this.observer = observer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this profiler that also tells {@code observer} about every profile and map it makes (after any observer
     * this one already has).
     */
    public Profiler observedBy(ProfileObserver observer) {
        notNull(observer, "observer");
        ProfileObserver first = this.observer;
        return new Profiler(this, new ProfileObserver() {
            @Override
            public void profiled(ModelProfile profile) {
                first.profiled(profile);
                observer.profiled(profile);
            }

            @Override
            public void mapped(ProfileMap map) {
                first.mapped(map);
                observer.mapped(map);
            }
        });
    }

    /** The battery whose questions are asked. */
    public Battery battery() {
        return battery;
    }

    /**
     * The encoder of a language.
     *
     * @throws dev.clave.UnknownNameException listing the battery's languages when it is not written in {@code language}
     */
    public Encoder encoder(String language) {
        battery.requireLanguage(language);
        return encoders.get(language);
    }

    /**
     * The evaluator of a language.
     *
     * @throws ClaveConfigurationException when none was given for it
     */
    public ValueEvaluator evaluator(String language) {
        battery.requireLanguage(language);
        ValueEvaluator evaluator = evaluators.getOrDefault(language, anyLanguage);
        if (evaluator == null) {
            throw new ClaveConfigurationException("The profiler has no evaluator for language '" + language + "' (it has one"
                    + " for " + String.join(", ", evaluators.keySet()) + "). Give one calibrated on labelled texts in that"
                    + " language with evaluator(\"" + language + "\", ...); on a JUnit test, add \"" + language
                    + "=calibration/<file>.jsonl\" to @ValueProfiles(calibrations).");
        }
        return evaluator;
    }

    /**
     * The profile of a model in a language: its answers to every question of the battery, embedded and evaluated.
     *
     * @throws dev.clave.UnknownNameException      when the battery is not written in {@code language}
     * @throws dev.clave.model.MissingAnswerException in replay mode, naming every question without a recorded answer
     */
    public ModelProfile profile(ModelUnderTest model, String language) {
        notNull(model, "model");
        notBlank(language, "language");
        ValueEvaluator evaluator = evaluator(language);
        Encoder encoder = encoder(language);
        List<BatteryQuestion> questions = battery.questions();
        List<String> prompts = battery.prompts(language);
        List<String> answers = model.askAll(prompts);
        List<TextInput> inputs = new ArrayList<>(answers.size());
        List<String> embedded = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            inputs.add(new TextInput(answers.get(i), prompts.get(i), questions.get(i).id()));
            embedded.add(ProfileAnswer.embeddedText(prompts.get(i), answers.get(i)));
        }
        List<Evaluation> evaluations = evaluator.evaluateAll(inputs);
        if (evaluations.size() != inputs.size()) {
            throw new ClaveInputException("The evaluator returned " + evaluations.size() + " evaluations for " + inputs.size()
                    + " answers");
        }
        float[][] vectors = ConceptEmbedder.shared(encoder).embed(embedded);
        List<ProfileAnswer> profileAnswers = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            BatteryQuestion question = questions.get(i);
            profileAnswers.add(new ProfileAnswer(question.id(), question.value(), prompts.get(i), answers.get(i), vectors[i],
                    evaluations.get(i)));
        }
        ModelProfile profile = new ModelProfile(model.id(), language, battery.name(), encoder.id(), profileAnswers);
        observer.profiled(profile);
        return profile;
    }

    /** The map of some profiles ({@link ProfileMap#of(List)}), told to the observer. */
    public ProfileMap map(List<ModelProfile> profiles) {
        ProfileMap map = ProfileMap.of(profiles);
        observer.mapped(map);
        return map;
    }

    /** The map of some profiles ({@link ProfileMap#of(List)}), told to the observer. */
    public ProfileMap map(ModelProfile... profiles) {
        return map(List.of(profiles));
    }

    @Override
    public String toString() {
        return "Profiler[" + battery + ", encoders " + encoders + "]";
    }

    /** Configures a {@link Profiler}. */
    public static final class Builder {
        private Battery battery = Battery.standard();
        private final Map<String, ValueEvaluator> evaluators = new LinkedHashMap<>();
        private @Nullable ValueEvaluator anyLanguage;
        private final Map<String, Encoder> encoders = new LinkedHashMap<>();

        private Builder() {
        }

        /** The questions to ask; default {@link Battery#standard()}. */
        public Builder battery(Battery battery) {
            this.battery = notNull(battery, "battery");
            return this;
        }

        /** The evaluator that judges the answers in {@code language} (calibrated on labelled texts in that language). */
        public Builder evaluator(String language, ValueEvaluator evaluator) {
            evaluators.put(notBlank(language, "language"), notNull(evaluator, "evaluator"));
            return this;
        }

        /** The evaluator for every language that has none of its own. */
        public Builder evaluator(ValueEvaluator evaluator) {
            this.anyLanguage = notNull(evaluator, "evaluator");
            return this;
        }

        /** The encoder that embeds the answers in {@code language}. */
        public Builder encoder(String language, Encoder encoder) {
            encoders.put(notBlank(language, "language"), notNull(encoder, "encoder"));
            return this;
        }

        /**
         * The profiler.
         *
         * @throws ClaveConfigurationException when no evaluator was given
         * @throws dev.clave.UnknownNameException when an evaluator or encoder names a language the battery lacks
         */
        public Profiler build() {
            return new Profiler(this);
        }
    }
}
