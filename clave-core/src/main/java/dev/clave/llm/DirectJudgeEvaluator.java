package dev.clave.llm;

import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.Evidence;
import dev.clave.evaluation.ValueEvaluator;
import dev.clave.evaluation.ValueVerdict;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ResponseFormat;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The usual prompt-based large-model judge, as a baseline to compare CLAVE against on the same data: one request per
 * (text, value), in which the large model reads the value's definition and the text and answers {@code supports},
 * {@code opposes} or {@code unrelated} with a one-sentence reason. No calibration, no concepts, no cache: every
 * evaluation costs {@code values} requests, every time.
 *
 * <p>It is a {@link ValueEvaluator}, like {@link dev.clave.evaluation.ClaveEvaluator}, and returns the same {@link Evaluation}, so that
 * assertions, gates, reports and benchmarks treat both alike: {@link Evaluation#calibrationId()} holds the judge's id
 * ({@code direct-judge/<provider>/<model>@<prompt version>}), {@link Evaluation#concepts()} is empty, each verdict's
 * probabilities are one-hot (the judge states a label, not a distribution), and its evidence is the judge's reason
 * (with no calibrated neighbour).
 *
 * <p>Requests run concurrently (at most {@link #concurrency()} at once) and are retried, repaired and counted like the
 * {@link LlmConceptExtractor}'s; the untrusted text is fenced the same way. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DirectJudgeEvaluator implements ValueEvaluator {

    /** The prefix of every judge id. */
    public static final String ID_PREFIX = "direct-judge/";

    private final ModelCaller caller;
    private final ValueSystem valueSystem;
    private final List<SystemMessage> systemMessages;
    private final ResponseFormat format;
    private final String id;
    private final String version;

    private DirectJudgeEvaluator(Builder builder) {
        this.valueSystem = notNull(builder.valueSystem, "valueSystem");
        this.caller = builder.caller();
        this.format = Prompts.format(builder.resolvedOutput(), Prompts.judgeSchema());
        this.systemMessages = valueSystem.values().stream()
                .map(value -> SystemMessage.from(Prompts.judgeSystem(valueSystem, value))).toList();
        this.version = Prompts.judgeVersion();
        this.id = ID_PREFIX + caller.modelId() + "@" + version;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The judge that settings describe (the same settings as a large-model extractor), key from the environment. */
    public static DirectJudgeEvaluator fromSettings(LargeModelSettings settings, ValueSystem valueSystem) {
        return fromSettings(settings, valueSystem, System::getenv);
    }

    /** As {@link #fromSettings(LargeModelSettings, ValueSystem)}, reading the environment through {@code environment}. */
    public static DirectJudgeEvaluator fromSettings(LargeModelSettings settings, ValueSystem valueSystem,
                                                    Function<String, String> environment) {
        return configured(settings, valueSystem, environment).build();
    }

    static Builder configured(LargeModelSettings settings, ValueSystem valueSystem, Function<String, String> environment) {
        return builder().largeModel(LargeModels.connect(settings, environment)).valueSystem(valueSystem);
    }

    /** Evaluates many texts, in order: {@code texts x values} requests, at most {@link #concurrency()} at once. */
    @Override
    public List<Evaluation> evaluateAll(List<TextInput> inputs) {
        notNull(inputs, "inputs");
        record Pair(TextInput text, int value) {
        }
        List<Pair> pairs = new ArrayList<>(inputs.size() * valueSystem.values().size());
        for (TextInput input : inputs) {
            notNull(input, "input");
            for (int v = 0; v < valueSystem.values().size(); v++) {
                pairs.add(new Pair(input, v));
            }
        }
        List<ValueVerdict> verdicts = Batches.run(pairs, caller.concurrency(),
                (pair, abandoned) -> judge(pair.text(), pair.value(), abandoned), (verdict, index) -> { });
        List<Evaluation> evaluations = new ArrayList<>(inputs.size());
        int values = valueSystem.values().size();
        for (int t = 0; t < inputs.size(); t++) {
            TextInput input = inputs.get(t);
            evaluations.add(new Evaluation(input.text(), input.scenario(), input.id(), valueSystem.qualifiedId(), id, List.of(),
                    verdicts.subList(t * values, (t + 1) * values)));
        }
        return evaluations;
    }

    private ValueVerdict judge(TextInput text, int valueIndex, BooleanSupplier abandoned) {
        Value value = valueSystem.values().get(valueIndex);
        List<ChatMessage> messages = List.of(systemMessages.get(valueIndex), UserMessage.from(Prompts.judgeUser(text, value)));
        Answers.Judgement judgement = caller.ask(messages, format, Answers::judgement,
                LlmConceptExtractor.subject(text) + " and value '" + value.id() + "'", abandoned);
        Label label = judgement.label();
        List<Evidence> evidence = judgement.reason().isBlank() ? List.of()
                : List.of(new Evidence(judgement.reason(), label, 1.0, null, null, 0.0));
        return new ValueVerdict(value.id(), label, label == Label.SUPPORTS ? 1 : 0, label == Label.OPPOSES ? 1 : 0,
                label == Label.UNRELATED ? 1 : 0, evidence);
    }

    /** The value system judged. */
    @Override
    public ValueSystem valueSystem() {
        return valueSystem;
    }

    /** {@code direct-judge/<provider>/<model>@<prompt version>}; it stands in {@link Evaluation#calibrationId()}. */
    public String id() {
        return id;
    }

    /** The judge prompt's version and digest. */
    public String version() {
        return version;
    }

    /** The most requests in flight at once. */
    public int concurrency() {
        return caller.concurrency();
    }

    /** Requests and tokens since this judge was built. */
    public LlmUsage usage() {
        return caller.usage();
    }

    @Override
    public String toString() {
        return "DirectJudgeEvaluator[" + id + ", " + valueSystem.qualifiedId() + "]";
    }

    /** Configures a {@link DirectJudgeEvaluator}. */
    public static final class Builder extends LargeModelBuilder<Builder> {
        private ValueSystem valueSystem;

        private Builder() {
            super(256);
        }

        /** The value system to judge (required). */
        public Builder valueSystem(ValueSystem valueSystem) {
            this.valueSystem = valueSystem;
            return this;
        }

        public DirectJudgeEvaluator build() {
            return new DirectJudgeEvaluator(this);
        }
    }
}
