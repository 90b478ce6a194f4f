package dev.clave.probe;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.DataFormatException;
import dev.clave.data.JsonlReader;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.internal.Resources;
import dev.clave.model.ModelUnderTest;
import dev.clave.stats.Bootstrap;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notNull;

/**
 * VUM's probe of a model's value understanding (Value Understanding Measurement; Zhang et al., "Measuring Value
 * Understanding in Language Models through Discriminator-Critique Gap", 2023), over labelled items in Clave's format
 * ({@code {"text", "value", "label"}}, the human label):
 * <ol>
 *   <li><b>Know-what.</b> The model reads an item's text and its value (name and definition) and answers A (yes, the
 *   text supports it), B (no, it opposes it) or C (not applicable, unrelated), after a few labelled examples that are
 *   never the item itself (those in the item's language). The first answer letter counts
 *   ({@link KnowWhatAnswerParser}); an answer without one is counted as unparseable.</li>
 *   <li><b>Know-why.</b> The model explains the human label in three parts of at most about 30 words each:
 *   attribution, counterfactual, rebuttal. The {@link Judge} reads the value's definition, the label, the text and the
 *   explanation (both fenced as untrusted data) and scores each part from 1 to 5 against anchors with examples. An
 *   answer of the judge that cannot be read is asked for once more, with what was wrong; then the item is counted as
 *   unscored, never dropped.</li>
 * </ol>
 * The result, {@link ValueUnderstanding}, holds the discriminator score, the critique score and their gap per value
 * and overall. Prompts are in English or Chinese, by the item's language; the judge's prompt is in English.
 *
 * <pre>{@code
 * ValueUnderstandingProbe probe = ValueUnderstandingProbe.builder()
 *         .valueSystem(ValueSystems.builtIn("schwartz"))
 *         .judge(judge)
 *         .build();
 * ValueUnderstanding result = probe.run(model, ValueUnderstandingProbe.readItems("probes/vum-items.jsonl", schwartz, loader));
 * }</pre>
 *
 * <p>The model under test and the judge are asked through their recordings ({@link ModelUnderTest}, {@link Judge}):
 * in replay mode every missing answer of a run is named at once. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ValueUnderstandingProbe {

    /** The class path resource of the built-in few-shot examples of the {@code schwartz} value system. */
    static final String SCHWARTZ_EXAMPLES = "know-what-examples-schwartz.jsonl";

    private final ValueSystem valueSystem;
    private final Map<String, Value> values;
    private final List<LabelledSample> examples;
    private final @Nullable Judge judge;
    private final Bootstrap bootstrap;

    private ValueUnderstandingProbe(Builder builder) {
        this.valueSystem = notNull(builder.valueSystem, "valueSystem");
        Map<String, Value> byId = new LinkedHashMap<>();
        valueSystem.values().forEach(v -> byId.put(v.id(), v));
        this.values = Map.copyOf(byId);
        List<LabelledSample> chosen = builder.examples != null ? builder.examples : builtInExamples(valueSystem);
        for (LabelledSample example : chosen) {
            if (!valueSystem.contains(example.value())) {
                throw new ClaveConfigurationException("The know-what example \"" + example.text() + "\" is about value '"
                        + example.value() + "', which value system '" + valueSystem.id() + "' does not have; valid values are: "
                        + String.join(", ", valueSystem.valueIds()));
            }
        }
        this.examples = List.copyOf(chosen);
        this.judge = builder.judge;
        this.bootstrap = builder.bootstrap;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in few-shot examples of a value system: bilingual ones for {@code schwartz}, none for others. */
    public static List<LabelledSample> builtInExamples(ValueSystem valueSystem) {
        if (!valueSystem.id().equals("schwartz")) {
            return List.of();
        }
        try (InputStream in = ValueUnderstandingProbe.class.getResourceAsStream(SCHWARTZ_EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException("Resource missing: " + SCHWARTZ_EXAMPLES);
            }
            List<LabelledSample> examples = new ArrayList<>();
            try (JsonlReader<LabelledSample> reader = Samples.open(in, SCHWARTZ_EXAMPLES, null)) {
                reader.forEachRemaining(examples::add);
            }
            return examples.stream().allMatch(e -> valueSystem.contains(e.value())) ? List.copyOf(examples) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an item file in Clave's labelled format: a class path resource (e.g. {@code probes/vum-items.jsonl}) or a
     * file path. A bad line fails with file and line; a value the value system does not have lists the valid ones.
     */
    public static List<LabelledSample> readItems(String resourceOrPath, ValueSystem valueSystem, ClassLoader loader) {
        Resources.Located located = Resources.find(resourceOrPath, loader)
                .orElseThrow(() -> new ClaveConfigurationException("The item file '" + resourceOrPath + "' was found "
                        + Resources.searched(resourceOrPath) + ". Put it under src/test/resources/" + resourceOrPath
                        + ", or correct the name."));
        List<LabelledSample> items = new ArrayList<>();
        try (InputStream in = located.open(); JsonlReader<LabelledSample> reader = Samples.open(in, located.description(), valueSystem)) {
            reader.forEachRemaining(items::add);
            if (items.isEmpty()) {
                throw new DataFormatException(located.description(), Math.max(1, reader.lineNumber()), "no items; write one"
                        + " labelled sample a line: {\"text\": \"...\", \"value\": \"...\", \"label\": \"supports|opposes|unrelated\"}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + located.description(), e);
        }
        return List.copyOf(items);
    }

    /** The value system of the items. */
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** The few-shot examples of know-what. */
    public List<LabelledSample> examples() {
        return examples;
    }

    /** The judge of know-why, when one is configured. */
    public Optional<Judge> judge() {
        return Optional.ofNullable(judge);
    }

    /** The know-what prompt the model under test gets for an item. */
    public String knowWhatPrompt(LabelledSample item) {
        return ProbePrompts.knowWhat(item, value(item), ProbePrompts.examplesFor(item, examples), values);
    }

    /** The know-why prompt the model under test gets for an item: explain its human label. */
    public String knowWhyPrompt(LabelledSample item) {
        return ProbePrompts.knowWhy(item, value(item));
    }

    /** The prompt the judge gets to score an explanation of an item. */
    public String judgePrompt(LabelledSample item, String explanation) {
        return ProbePrompts.judge(item, value(item), explanation);
    }

    /** Know-what alone: the discriminator score per value and overall. */
    public ValueUnderstanding knowWhat(ModelUnderTest model, List<LabelledSample> items) {
        notNull(model, "model");
        check(items);
        List<String> answers = model.askAll(items.stream().map(this::knowWhatPrompt).toList());
        return ValueUnderstanding.knowWhat(model.id(), valueSystem, knowWhatAnswers(items, answers), bootstrap);
    }

    /**
     * Know-what and know-why, and their gap.
     *
     * @throws ClaveConfigurationException when no judge is configured
     */
    public ValueUnderstanding run(ModelUnderTest model, List<LabelledSample> items) {
        notNull(model, "model");
        check(items);
        if (judge == null) {
            throw new ClaveConfigurationException("Know-why needs a judge to score the explanations: configure one with "
                    + "ValueUnderstandingProbe.builder().judge(...) (in a @ClaveTest: judge = \"<model id>\" and judgeAnswers, or "
                    + "the configuration parameter clave.judge), or run know-what alone.");
        }
        List<String> prompts = new ArrayList<>(items.size() * 2);
        items.forEach(item -> prompts.add(knowWhatPrompt(item)));
        items.forEach(item -> prompts.add(knowWhyPrompt(item)));
        List<String> answers = model.askAll(prompts);
        List<KnowWhatAnswer> knowWhat = knowWhatAnswers(items, answers.subList(0, items.size()));
        List<String> explanations = answers.subList(items.size(), answers.size());

        List<String> judgePrompts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            judgePrompts.add(judgePrompt(items.get(i), explanations.get(i)));
        }
        List<String> judged = judge.askAll(judgePrompts);
        List<JudgeAnswers.Read> reads = new ArrayList<>(judged.stream().map(JudgeAnswers::read).toList());
        List<Integer> retry = new ArrayList<>();
        List<String> repairPrompts = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).scores() == null) {
                retry.add(i);
                repairPrompts.add(ProbePrompts.judgeRepair(judgePrompts.get(i), reads.get(i).problem()));
            }
        }
        List<String> lastAnswers = new ArrayList<>(judged);
        if (!retry.isEmpty()) {
            List<String> repaired = judge.askAll(repairPrompts);
            for (int k = 0; k < retry.size(); k++) {
                reads.set(retry.get(k), JudgeAnswers.read(repaired.get(k)));
                lastAnswers.set(retry.get(k), repaired.get(k));
            }
        }
        List<KnowWhyAnswer> knowWhy = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JudgeAnswers.Read read = reads.get(i);
            knowWhy.add(new KnowWhyAnswer(items.get(i), explanations.get(i), lastAnswers.get(i), read.scores(),
                    retry.contains(i), read.problem()));
        }
        return ValueUnderstanding.of(model.id(), valueSystem, knowWhat, knowWhy, judge.id(), bootstrap);
    }

    private static List<KnowWhatAnswer> knowWhatAnswers(List<LabelledSample> items, List<String> answers) {
        List<KnowWhatAnswer> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(KnowWhatAnswer.of(items.get(i), answers.get(i)));
        }
        return out;
    }

    private void check(List<LabelledSample> items) {
        notNull(items, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
        items.forEach(this::value);
    }

    private Value value(LabelledSample item) {
        notNull(item, "item");
        return valueSystem.value(item.value());
    }

    @Override
    public String toString() {
        return "ValueUnderstandingProbe[" + valueSystem.qualifiedId() + ", " + examples.size() + " examples"
                + (judge == null ? "" : ", " + judge) + ", " + bootstrap + "]";
    }

    /** Configures a {@link ValueUnderstandingProbe}. */
    public static final class Builder {
        private ValueSystem valueSystem;
        private List<LabelledSample> examples;
        private Judge judge;
        private Bootstrap bootstrap = Bootstrap.defaults();

        private Builder() {
        }

        /** The value system of the items (required). */
        public Builder valueSystem(ValueSystem valueSystem) {
            this.valueSystem = notNull(valueSystem, "valueSystem");
            return this;
        }

        /**
         * The few-shot examples of know-what, labelled samples of the value system. Default: the built-in ones for
         * {@code schwartz} ({@link #builtInExamples(ValueSystem)}), none (zero-shot) for other value systems. An item is
         * never its own example, so the item file itself may serve as the examples.
         */
        public Builder examples(List<LabelledSample> examples) {
            this.examples = List.copyOf(notNull(examples, "examples"));
            return this;
        }

        /** The judge of know-why; without one, only know-what can run. */
        public Builder judge(Judge judge) {
            this.judge = notNull(judge, "judge");
            return this;
        }

        /** Resamples, seed and confidence of the intervals; default {@link Bootstrap#defaults()}. */
        public Builder bootstrap(Bootstrap bootstrap) {
            this.bootstrap = notNull(bootstrap, "bootstrap");
            return this;
        }

        public ValueUnderstandingProbe build() {
            return new ValueUnderstandingProbe(this);
        }
    }
}
