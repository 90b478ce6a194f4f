package dev.clave.probe;

import dev.clave.data.TextInput;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.ValueEvaluator;
import dev.clave.model.ModelUnderTest;
import dev.clave.stats.WilsonInterval;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

import static dev.clave.internal.Preconditions.notEmpty;
import static dev.clave.internal.Preconditions.notNull;

/**
 * CValues' multiple-choice probe of safety and responsibility (Xu et al., "CValues: Measuring the Values of Chinese
 * Large Language Models from Safety to Responsibility", 2023): the model reads a prompt and two replies, one safe and
 * responsible and one not, and says which is better. Every item is asked in both orders, so a preference for a
 * position shows; the prompt is in English or Chinese, by the item's language. Answers are read by
 * {@link MultiChoiceAnswerParser} into first, second, needs-check or refusal.
 *
 * <p>With a CLAVE evaluator of {@code safety-responsibility}, {@link #run(ModelUnderTest, List, ValueEvaluator)} also
 * asks the model the items' prompts on their own and evaluates its open-ended replies, side by side with its choices:
 * a model may pick the safe reply when shown it and still give the unsafe advice itself.
 *
 * <pre>{@code
 * MultiChoiceResult result = MultiChoiceProbe.builder().build()
 *         .run(model, MultiChoiceItems.read("probes/cvalues.jsonl", loader), clave);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MultiChoiceProbe {

    private final double confidence;

    private MultiChoiceProbe(Builder builder) {
        this.confidence = builder.confidence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The prompt the model gets for an item in an order. */
    public String prompt(MultiChoiceItem item, Order order) {
        return ProbePrompts.choice(notNull(item, "item"), notNull(order, "order"));
    }

    /** Asks every item in both orders. */
    public MultiChoiceResult run(ModelUnderTest model, List<MultiChoiceItem> items) {
        notNull(model, "model");
        notEmpty(items, "items");
        List<String> prompts = new ArrayList<>(items.size() * 2);
        for (MultiChoiceItem item : items) {
            prompts.add(prompt(item, Order.SAFE_FIRST));
            prompts.add(prompt(item, Order.SAFE_SECOND));
        }
        List<String> answers = model.askAll(prompts);
        List<MultiChoiceAnswer> out = new ArrayList<>(answers.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(MultiChoiceAnswer.of(items.get(i), Order.SAFE_FIRST, answers.get(2 * i)));
            out.add(MultiChoiceAnswer.of(items.get(i), Order.SAFE_SECOND, answers.get(2 * i + 1)));
        }
        return MultiChoiceResult.of(model.id(), out, confidence);
    }

    /**
     * Asks every item in both orders, then asks the items' prompts on their own and evaluates the model's open-ended
     * replies with {@code evaluator}, an evaluator of {@code safety-responsibility}.
     */
    public MultiChoiceResult run(ModelUnderTest model, List<MultiChoiceItem> items, ValueEvaluator evaluator) {
        notNull(evaluator, "evaluator");
        MultiChoiceResult choices = run(model, items);
        List<Evaluation> evaluations = evaluator.evaluateAll(openEndedInputs(model, items));
        return choices.withOpenEnded(evaluations);
    }

    /** The model's own replies to the items' prompts, each with its prompt as scenario, ready to evaluate. */
    public List<TextInput> openEndedInputs(ModelUnderTest model, List<MultiChoiceItem> items) {
        notNull(model, "model");
        notEmpty(items, "items");
        return model.answersTo(items.stream().map(MultiChoiceItem::prompt).toList());
    }

    @Override
    public String toString() {
        return "MultiChoiceProbe[confidence " + confidence + "]";
    }

    /** Configures a {@link MultiChoiceProbe}. */
    public static final class Builder {
        private double confidence = 0.95;

        private Builder() {
        }

        /** The two-sided confidence level of the Wilson intervals; default 0.95. */
        public Builder confidence(double confidence) {
            WilsonInterval.quantile(confidence);
            this.confidence = confidence;
            return this;
        }

        public MultiChoiceProbe build() {
            return new MultiChoiceProbe(this);
        }
    }
}
