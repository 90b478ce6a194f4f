package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.LabelledSample;
import dev.clave.evaluation.ValueEvaluator;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.MultiChoiceEvent;
import dev.clave.event.ValueUnderstandingEvent;
import dev.clave.model.ModelUnderTest;
import dev.clave.probe.Judge;
import dev.clave.probe.MultiChoiceItems;
import dev.clave.probe.MultiChoiceProbe;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.ValueUnderstanding;
import dev.clave.probe.ValueUnderstandingProbe;
import dev.clave.stats.Bootstrap;
import dev.clave.value.ValueSystem;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * Runs probes of a model under test over an item file in a {@link ClaveTest} and tells the listeners (reports) about
 * each result, in the test that ran it. Declare it as a parameter next to the models to probe:
 *
 * <pre>{@code
 * @ClaveTest(valueSystem = "schwartz", answers = "answers/assistant-vum.jsonl",
 *            judge = "sample-judge", judgeAnswers = "answers/judge-vum.jsonl")
 * class AssistantValueUnderstandingTest {
 *     @Test
 *     void v1_knows_what_and_why(ClaveProbes probes, @Model("assistant-v1") ModelUnderTest v1) {
 *         assertThat(probes.valueUnderstanding("probes/vum-items.jsonl", v1))
 *                 .discriminatorAccuracyAtLeast(0.8)
 *                 .gapAtMost(0.05);
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #knowWhat} and {@link #valueUnderstanding} read labelled items of the configured value system; know-what
 *   uses the value system's built-in few-shot examples (bilingual ones for {@code schwartz}) unless
 *   {@link #withExamples(String)} names others; know-why asks the configured judge ({@link ClaveTest#judge()}), which is
 *   recorded and replayed like the model, in the same answer mode.</li>
 *   <li>{@link #multiChoice} reads multiple-choice items ({@code {"id", "lang", "domain", "difficulty", "prompt",
 *   "safe", "unsafe"}}); with an evaluator of {@code safety-responsibility} (the injected {@code ClaveEvaluator}) it
 *   also evaluates the model's own open-ended replies.</li>
 * </ul>
 * Item files are class path resources (under {@code src/test/resources}) or file paths; a bad line fails with file and
 * line. Immutable; valid during the test it was injected into.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ClaveProbes {

    private final ExtensionContext context;
    private final @Nullable String examples;
    private final Bootstrap bootstrap;

    private ClaveProbes(ExtensionContext context, @Nullable String examples, Bootstrap bootstrap) {
        this.context = context;
        this.examples = examples;
        this.bootstrap = bootstrap;
    }

    static ClaveProbes of(ExtensionContext context) {
        return new ClaveProbes(context, null, Bootstrap.defaults());
    }

    /** These probes with the know-what examples of a labelled file (resource or path) instead of the built-in ones. */
    public ClaveProbes withExamples(String resourceOrPath) {
        return new ClaveProbes(context, notBlank(resourceOrPath, "examples"), bootstrap);
    }

    /** These probes with other resamples, seed or confidence of the intervals (default {@link Bootstrap#defaults()}). */
    public ClaveProbes withBootstrap(Bootstrap other) {
        return new ClaveProbes(context, examples, notNull(other, "bootstrap"));
    }

    /** Know-what alone: the model labels each item's text against its value; the discriminator score per value. */
    public ValueUnderstanding knowWhat(String items, ModelUnderTest model) {
        ValueUnderstandingProbe probe = probe(null);
        ValueUnderstanding result = probe.knowWhat(notNull(model, "model"), items(items, probe.valueSystem()));
        ClaveEvents.publish(ClaveListener::valueUnderstandingProbed, new ValueUnderstandingEvent(result, items,
                TestScope.currentTest()));
        return result;
    }

    /**
     * Know-what and know-why, scored by the configured judge, and their gap.
     *
     * @throws ClaveConfigurationException when no judge is configured
     */
    public ValueUnderstanding valueUnderstanding(String items, ModelUnderTest model) {
        Settings settings = Settings.of(context);
        Judge judge = Resolution.judge(context).orElseThrow(() -> new ClaveConfigurationException("No judge is configured"
                + " for " + settings.subject() + ", so know-why cannot be scored. Set @ClaveTest(judge = \"<model id>\","
                + " judgeAnswers = \"answers/<name>.jsonl\") or the configuration parameter " + ClaveTest.JUDGE_PROPERTY_NAME
                + ", or use probes.knowWhat(...) for know-what alone."));
        ValueUnderstandingProbe probe = probe(judge);
        ValueUnderstanding result = probe.run(notNull(model, "model"), items(items, probe.valueSystem()));
        ClaveEvents.publish(ClaveListener::valueUnderstandingProbed, new ValueUnderstandingEvent(result, items,
                TestScope.currentTest()));
        return result;
    }

    /** The multiple-choice probe: every item in both orders. */
    public MultiChoiceResult multiChoice(String items, ModelUnderTest model) {
        MultiChoiceResult result = MultiChoiceProbe.builder().confidence(bootstrap.confidence()).build()
                .run(notNull(model, "model"), MultiChoiceItems.read(notBlank(items, "items"), Resolution.loader(context)));
        return published(result, items);
    }

    /**
     * The multiple-choice probe, and the model's own open-ended replies to the items' prompts evaluated by
     * {@code openEnded}, an evaluator of {@code safety-responsibility} (e.g. the injected {@code ClaveEvaluator}).
     */
    public MultiChoiceResult multiChoice(String items, ModelUnderTest model, ValueEvaluator openEnded) {
        MultiChoiceResult result = MultiChoiceProbe.builder().confidence(bootstrap.confidence()).build()
                .run(notNull(model, "model"), MultiChoiceItems.read(notBlank(items, "items"), Resolution.loader(context)),
                        notNull(openEnded, "openEnded"));
        return published(result, items);
    }

    private MultiChoiceResult published(MultiChoiceResult result, String items) {
        ClaveEvents.publish(ClaveListener::multiChoiceProbed, new MultiChoiceEvent(result, items, TestScope.currentTest()));
        return result;
    }

    private ValueUnderstandingProbe probe(@Nullable Judge judge) {
        ValueSystem valueSystem = Resolution.optionalValueSystem(context).orElseThrow(() -> new ClaveConfigurationException(
                "No value system is configured for " + Settings.of(context).subject() + ", so the items of a value-understanding"
                        + " probe cannot be read. Set @ClaveTest(valueSystem = \"schwartz\") or the configuration parameter "
                        + ClaveTest.VALUE_SYSTEM_PROPERTY_NAME + "."));
        ValueUnderstandingProbe.Builder builder = ValueUnderstandingProbe.builder().valueSystem(valueSystem).bootstrap(bootstrap);
        if (examples != null) {
            builder.examples(items(examples, valueSystem));
        }
        if (judge != null) {
            builder.judge(judge);
        }
        return builder.build();
    }

    private List<LabelledSample> items(String items, ValueSystem valueSystem) {
        return ValueUnderstandingProbe.readItems(notBlank(items, "items"), valueSystem, Resolution.loader(context));
    }

    @Override
    public String toString() {
        return "ClaveProbes[" + Settings.of(context).subject() + (examples == null ? "" : ", examples " + examples) + ", "
                + bootstrap + "]";
    }
}
