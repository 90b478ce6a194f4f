package dev.clave.cli;

import dev.clave.ClaveConfigurationException;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.event.ClaveEvents;
import dev.clave.event.ClaveListener;
import dev.clave.event.ProfileEvent;
import dev.clave.event.ProfileMapEvent;
import dev.clave.internal.Printable;
import dev.clave.model.AnswerMode;
import dev.clave.model.ModelUnderTest;
import dev.clave.profile.Battery;
import dev.clave.profile.ModelProfile;
import dev.clave.profile.ProfileCharts;
import dev.clave.profile.ProfileMap;
import dev.clave.profile.Profiler;
import dev.clave.setup.ClaveSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Build value profiles: ask each model every question of a battery in each language (recorded answers"
                + " are replayed), embed question and answer, judge each answer with the language's calibrated evaluator;"
                + " print the rates per value, write one JSON file per profile and a map of all of them.")
final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "ID", split = ",",
            description = "Model under test, as in the recorded answers (repeat or separate by commas).")
    List<String> models;

    @Option(names = "--answers", required = true, paramLabel = "FILE",
            description = "Recorded answers, JSONL {\"model\", \"prompt\", \"answer\"}; prompt = the question's text.")
    Path answers;

    @Option(names = "--answer-mode", defaultValue = "replay", paramLabel = "MODE",
            description = "replay (default: answers from the file only), record (ask a provider:model id for missing"
                    + " answers and add them to the file) or live.")
    String answerMode;

    @Option(names = "--language", required = true, paramLabel = "TAG", split = ",",
            description = "Language of the battery to ask in, e.g. en, zh (repeat or separate by commas).")
    List<String> languages;

    @Option(names = "--evaluator", required = true, paramLabel = "[LANG=]DIR",
            description = "Calibrated evaluator (`clave calibrate --out DIR`) of one language, as LANG=DIR, or of every"
                    + " language without its own, as DIR. Calibrate the languages on the same texts, translated.")
    List<String> evaluators;

    @Option(names = "--battery", paramLabel = "FILE",
            description = "Battery JSONL {\"id\", \"value\", \"<lang>\": \"question\", ...}. Default: Clave's 66 questions"
                    + " over the Schwartz values in en and zh.")
    Path battery;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the profiles, one <model>.<language>.profile.json each.")
    Path out;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write a 2-D map of all profiles here (.png or .svg).")
    Path chart;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    ExtractorOptions extractorOptions;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        CliFiles.requireDistinct("--answers", answers, "--chart", chart);
        CliFiles.requireDistinct("--battery", battery, "--chart", chart);
        TerminalProgress progress = new TerminalProgress(System.err, quiet);
        Battery questions = battery == null ? Battery.standard() : Battery.read(battery);
        languages.forEach(questions::requireLanguage);
        AnswerMode mode = AnswerMode.fromWire(answerMode);
        ClaveSetup setup = extractorOptions.setup(null, null, progress);
        List<ClaveEvaluator> loaded = new ArrayList<>();
        try {
            Profiler.Builder builder = Profiler.builder().battery(questions);
            for (String given : evaluators) {
                int equals = given.indexOf('=');
                if (equals == 0 || equals == given.length() - 1) {
                    throw new ClaveConfigurationException("--evaluator " + given + " must be LANG=DIR (e.g."
                            + " zh=target/evaluator-zh) or DIR");
                }
                ClaveEvaluator evaluator = setup.load(Path.of(equals < 0 ? given : given.substring(equals + 1)));
                loaded.add(evaluator);
                if (equals < 0) {
                    builder.evaluator(evaluator);
                } else {
                    builder.evaluator(given.substring(0, equals).strip(), evaluator);
                }
            }
            Profiler profiler = builder.build();
            List<ModelProfile> profiles = new ArrayList<>();
            for (String id : models) {
                ModelUnderTest model = ModelUnderTest.builder().id(id).answers(answers).mode(mode).build();
                for (String language : languages) {
                    progress.update("profiling " + Printable.escape(id) + " [" + Printable.escape(language) + "]", profiles.size(),
                            (long) models.size() * languages.size());
                    ModelProfile profile = profiler.profile(model, language);
                    Path file = out.resolve(fileName(id) + "." + language + ".profile.json");
                    profile.write(file);
                    ClaveEvents.publish(ClaveListener::profiled, new ProfileEvent(profile, null));
                    profiles.add(profile);
                    stdout.printf("%s%n%n%s%nwritten to %s%n%n", Printable.escape(profile.summary()),
                            Printable.escapeKeepingLines(profile.table()), Printable.escape(file.toAbsolutePath().toString()));
                    stdout.flush();
                }
            }
            progress.update("profiling done", profiles.size(), profiles.size());
            if (chart != null) {
                ProfileMap map = ProfileMap.of(profiles);
                ProfileCharts.write(map, chart);
                ClaveEvents.publish(ClaveListener::profilesMapped, new ProfileMapEvent(map, null));
                stdout.printf(Locale.ROOT, "map of %d profiles (PCA of %s: %.1f%% and %.1f%% of the variance) written to %s%n",
                        profiles.size(), map.description(), map.explainedFirst() * 100, map.explainedSecond() * 100,
                        chart.toAbsolutePath());
            }
        } finally {
            loaded.forEach(ClaveEvaluator::close);
        }
        stdout.flush();
        extractorOptions.reportUsage(System.err, quiet);
        return 0;
    }

    /** A model id as a file name: {@code openai:gpt-4o-mini} becomes {@code openai_gpt-4o-mini}. */
    static String fileName(String modelId) {
        return modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
