package dev.clave.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clave.Progress;
import dev.clave.data.LabelledSample;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.MultiChoiceEvent;
import dev.clave.event.ValueUnderstandingEvent;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.llm.LargeModelSettings;
import dev.clave.model.AnswerMode;
import dev.clave.model.ModelUnderTest;
import dev.clave.probe.Judge;
import dev.clave.probe.MultiChoiceItem;
import dev.clave.probe.MultiChoiceItems;
import dev.clave.probe.MultiChoiceProbe;
import dev.clave.probe.MultiChoiceResult;
import dev.clave.probe.ValueUnderstanding;
import dev.clave.probe.ValueUnderstandingProbe;
import dev.clave.stats.Bootstrap;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code clave probe know-what|know-why|multi-choice}: probes of a model under test, printed as a table and written as
 * JSON. The model's answers (and the judge's) are replayed from recordings by default, so a probe runs offline.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Probe a model under test: know-what and know-why (VUM's discriminator-critique gap) or multiple choice"
                + " of the safe reply (CValues).",
        subcommands = {ProbeCommand.KnowWhat.class, ProbeCommand.KnowWhy.class, ProbeCommand.MultiChoice.class})
final class ProbeCommand implements Callable<Integer> {

    /** How the model under test is reached. */
    static final class ModelOptions {

        @Option(names = "--items", required = true, paramLabel = "FILE", description = "The item file, JSONL.")
        Path items;

        @Option(names = "--model", required = true, paramLabel = "ID",
                description = "The model under test: the key of its recorded answers, or openai:<model>, ollama:<model>,"
                        + " anthropic:<model> to call it (record or live mode).")
        String model;

        @Option(names = "--answers", paramLabel = "FILE",
                description = "Its recorded answers, JSONL {\"model\",\"prompt\",\"answer\"}. Required unless the mode is live.")
        Path answers;

        @Option(names = "--answer-mode", defaultValue = "replay", paramLabel = "MODE",
                description = "replay (recorded answers only), record (fetch and record missing ones) or live. Default: ${DEFAULT-VALUE}.")
        String answerMode;

        @Option(names = "--model-base-url", paramLabel = "URL", description = "Base URL of the model under test's provider.")
        String baseUrl;

        @Option(names = "--json", paramLabel = "FILE", description = "Where to write the result as JSON.")
        Path json;

        /** Where API keys are read from; tests replace it. */
        Function<String, String> environment = System::getenv;

        AnswerMode mode() {
            return AnswerMode.fromWire(answerMode);
        }

        ModelUnderTest model() {
            ModelUnderTest.Builder builder = ModelUnderTest.builder().id(model).mode(mode()).environment(environment)
                    .largeModel(LargeModelSettings.of(LargeModelSettings.MODEL, model).withBaseUrl(baseUrl));
            if (answers != null) {
                builder.answers(answers.toAbsolutePath().normalize());
            }
            return builder.build();
        }
    }

    /** Options of know-what and know-why. */
    static final class UnderstandingOptions {

        @Option(names = "--value-system", defaultValue = "schwartz", paramLabel = "ID",
                description = "The items' value system: a built-in id or a JSON file. Default: ${DEFAULT-VALUE}.")
        String valueSystem;

        @Option(names = "--examples", paramLabel = "FILE",
                description = "Few-shot examples of know-what, labelled JSONL. Default: the built-in ones (schwartz), else none.")
        Path examples;

        @Option(names = "--resamples", defaultValue = "2000", paramLabel = "N",
                description = "Bootstrap resamples of the critique and gap intervals. Default: ${DEFAULT-VALUE}.")
        int resamples;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the bootstrap. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
                description = "Two-sided confidence level of the intervals. Default: ${DEFAULT-VALUE}.")
        double confidence;

        ValueSystem system() {
            return ValueSystems.resolve(valueSystem);
        }

        ValueUnderstandingProbe.Builder probe(ValueSystem system) {
            ValueUnderstandingProbe.Builder builder = ValueUnderstandingProbe.builder().valueSystem(system)
                    .bootstrap(Bootstrap.of(resamples, seed).withConfidence(confidence));
            if (examples != null) {
                builder.examples(ValueUnderstandingProbe.readItems(examples.toString(), system, ProbeCommand.class.getClassLoader()));
            }
            return builder;
        }
    }

    @Command(name = "know-what", mixinStandardHelpOptions = true,
            description = "The model labels each item's text against its value (A supports, B opposes, C unrelated); prints"
                    + " the discriminator score per value with Wilson intervals and the confusion matrix.")
    static final class KnowWhat implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Mixin
        UnderstandingOptions options;

        @Override
        public Integer call() {
            ValueSystem system = options.system();
            List<LabelledSample> items = ValueUnderstandingProbe.readItems(model.items.toString(), system,
                    ProbeCommand.class.getClassLoader());
            ValueUnderstanding result = options.probe(system).build().knowWhat(model.model(), items);
            return reported(result, model, spec);
        }
    }

    @Command(name = "know-why", mixinStandardHelpOptions = true,
            description = "Know-what, then the model explains each item's human label (attribution, counterfactual, rebuttal)"
                    + " and a judge scores each part from 1 to 5; prints discriminator, critique and their gap per value.")
    static final class KnowWhy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Mixin
        UnderstandingOptions options;

        @Option(names = "--judge", required = true, paramLabel = "ID",
                description = "The judge: the key of its recorded answers, or openai:<model>, ollama:<model>, anthropic:<model>."
                        + " Key from CLAVE_API_KEY or the provider's variable.")
        String judge;

        @Option(names = "--judge-answers", paramLabel = "FILE", description = "The judge's recorded answers, JSONL.")
        Path judgeAnswers;

        @Option(names = "--judge-base-url", paramLabel = "URL", description = "Base URL of the judge's provider.")
        String judgeBaseUrl;

        @Override
        public Integer call() {
            ValueSystem system = options.system();
            List<LabelledSample> items = ValueUnderstandingProbe.readItems(model.items.toString(), system,
                    ProbeCommand.class.getClassLoader());
            Judge.Builder judgeBuilder = Judge.builder().mode(model.mode()).environment(model.environment)
                    .settings(LargeModelSettings.of(LargeModelSettings.JUDGE, judge).withBaseUrl(judgeBaseUrl));
            if (judgeAnswers != null) {
                judgeBuilder.answers(judgeAnswers.toAbsolutePath().normalize());
            }
            ValueUnderstanding result = options.probe(system).judge(judgeBuilder.build()).build().run(model.model(), items);
            return reported(result, model, spec);
        }
    }

    @Command(name = "multi-choice", mixinStandardHelpOptions = true,
            description = "The model chooses the better of a safe and an unsafe reply, each item in both orders; prints acc,"
                    + " acc*, consistency and position bias per domain. With --evaluator, its own open-ended replies are"
                    + " evaluated by CLAVE (safety-responsibility) next to its choices.")
    static final class MultiChoice implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--evaluator", paramLabel = "DIR",
                description = "A calibrated evaluator of safety-responsibility (from clave calibrate) for the open-ended replies.")
        Path evaluator;

        @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
                description = "Two-sided confidence level of the Wilson intervals. Default: ${DEFAULT-VALUE}.")
        double confidence;

        @Mixin
        ExtractorOptions extractorOptions;

        @Override
        public Integer call() {
            List<MultiChoiceItem> items = MultiChoiceItems.read(model.items);
            MultiChoiceProbe probe = MultiChoiceProbe.builder().confidence(confidence).build();
            MultiChoiceResult result;
            if (evaluator != null) {
                try (ClaveEvaluator clave = extractorOptions.setup(null, null, Progress.NONE).load(evaluator)) {
                    result = probe.run(model.model(), items, clave);
                }
            } else {
                result = probe.run(model.model(), items);
            }
            ClaveEvents.publish(ClaveListener::multiChoiceProbed, new MultiChoiceEvent(result, model.items.toString(), null));
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.summary());
            out.println();
            out.print(result.table());
            write(out, model.json, ProbeJson.of(result));
            return 0;
        }
    }

    private static void write(PrintWriter out, Path file, Map<String, Object> json) {
        if (file != null) {
            ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                mapper.writeValue(file.toFile(), json);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            out.println();
            out.println("wrote " + file.toAbsolutePath());
        }
        out.flush();
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: know-what, know-why or multi-choice");
    }

    /** Publishes a know-what or know-why result to the listeners and prints its summary, tables and JSON. */
    private static int reported(ValueUnderstanding result, ModelOptions model, CommandSpec spec) {
        ClaveEvents.publish(ClaveListener::valueUnderstandingProbed, new ValueUnderstandingEvent(result,
                model.items.toString(), null));
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.summary());
        out.println();
        out.print(result.table());
        out.println();
        out.print(result.confusion().format());
        write(out, model.json, ProbeJson.of(result));
        return 0;
    }
}
