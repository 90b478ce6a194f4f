package dev.clave.cli;

import dev.clave.ClaveInputException;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.setup.ClaveSetup;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Calibrate on one labelled file, score another, and compare with a majority and a k-NN baseline "
                + "on the same split: accuracy, macro-F1, Cohen's kappa, per-value table, confusion matrix, "
                + "calibration time, evaluations per second and peak heap.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--calibration", required = true, paramLabel = "FILE", description = "Labelled samples to calibrate on.")
    Path calibration;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Labelled samples to score.")
    Path test;

    @Option(names = "--value-system", paramLabel = "ID",
            description = "Value system (built-in id or JSON file). Default: the built-in system that has every value in the files.")
    String valueSystem;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--artifact", paramLabel = "DIR", defaultValue = "target/clave-bench",
            description = "Where to keep the calibrated evaluator. Default: ${DEFAULT-VALUE}.")
    Path artifact;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Mixin
    ExtractorOptions extractorOptions;

    @Mixin
    CalibrationOptions calibrationOptions;

    @Override
    public Integer call() {
        CliFiles.requireDistinct("--calibration", calibration, "--json", json);
        CliFiles.requireDistinct("--test", test, "--json", json);
        // each file is read once (either may be a pipe); without --value-system, the calibration samples name it
        ValueSystem given = valueSystem != null ? ValueSystems.resolve(valueSystem) : null;
        List<LabelledSample> calibrationSamples = Samples.readAll(calibration, given);
        ValueSystem system = given != null ? given : inferValueSystem(calibrationSamples);
        List<LabelledSample> testSamples = Samples.readAll(test, system);
        if (testSamples.isEmpty()) {
            throw new ClaveInputException("No test samples in " + test + ": give a labelled JSONL file with at least one sample");
        }
        TerminalProgress progress = new TerminalProgress(System.err, quiet);
        ClaveSetup setup = extractorOptions.setup(system, calibrationOptions, progress);
        Benchmark benchmark = new Benchmark(system, setup.extractor(), setup.calibrator(), progress);
        Benchmark.Result result = benchmark.run(calibrationSamples, testSamples, artifact);
        print(result, spec.commandLine().getOut());
        extractorOptions.reportUsage(System.err, quiet);
        if (json != null) {
            CliFiles.writeJson(json, result, "the bench figures");
        }
        return 0;
    }

    private ValueSystem inferValueSystem(List<LabelledSample> samples) {
        Set<String> values = new LinkedHashSet<>();
        samples.forEach(s -> values.add(s.value()));
        for (ValueSystem candidate : ValueSystems.builtIns()) {
            if (candidate.valueIds().containsAll(values)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No built-in value system has all the values of " + calibration + " ("
                + String.join(", ", values) + "). Give --value-system with a value-system JSON file.");
    }

    static void print(Benchmark.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%nClave bench: %s, calibration %s, extractor %s, encoder %s%n", r.valueSystem(), r.calibrationId(),
                r.extractor(), r.encoder());
        out.printf(Locale.ROOT, "calibration samples %d, test samples %d (%d distinct texts)%n%n", r.calibrationSamples(),
                r.testSamples(), r.testTexts());
        out.printf(Locale.ROOT, "%-22s %9s %9s %16s %7s%n", "method", "accuracy", "macro-F1", "per-value mF1", "kappa");
        out.printf(Locale.ROOT, "%-22s %9.4f %9.4f %16.4f %7.4f%n", "CLAVE (this build)", r.accuracy(), r.macroF1(),
                r.perValueMacroF1(), r.kappa());
        var m = r.baselines().majority();
        out.printf(Locale.ROOT, "%-22s %9.4f %9.4f %16.4f %7.4f%n", "majority per value", m.accuracy(), m.macroF1(),
                m.perValueMacroF1(), m.kappa());
        var k = r.baselines().knn();
        out.printf(Locale.ROOT, "%-22s %9.4f %9.4f %16.4f %7.4f%n", "k-NN (k=" + k.k() + ", LOO)", k.accuracy(), k.macroF1(),
                k.perValueMacroF1(), k.kappa());
        out.printf(Locale.ROOT, "%n%-18s %7s %9s %9s %9s %9s %9s %9s%n", "value", "n", "acc", "mF1", "maj acc", "maj mF1",
                "knn acc", "knn mF1");
        for (Benchmark.ValueRow row : r.perValue()) {
            out.printf(Locale.ROOT, "%-18s %7d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", row.value(), row.samples(), row.accuracy(),
                    row.macroF1(), row.majorityAccuracy(), row.majorityMacroF1(), row.knnAccuracy(), row.knnMacroF1());
        }
        out.printf(Locale.ROOT, "%nconfusion matrix (rows gold, columns predicted)%n%-12s", "");
        r.confusionMatrix().keySet().forEach(label -> out.printf(Locale.ROOT, "%11s", label));
        out.println();
        r.confusionMatrix().forEach((gold, row) -> {
            out.printf(Locale.ROOT, "%-12s", gold);
            row.values().forEach(c -> out.printf(Locale.ROOT, "%11d", c));
            out.println();
        });
        out.printf(Locale.ROOT, "%ncalibration %.1f s (in this JVM; CV %d folds: accuracy %.4f, macro-F1 %.4f)%n",
                r.calibrationSeconds(), r.crossValidation().get("folds").intValue(), r.crossValidation().get("accuracy"),
                r.crossValidation().get("macroF1"));
        out.printf(Locale.ROOT, "evaluations/s %.1f with a warm cache (%.1f cold, extracting and embedding)%n",
                r.evaluationsPerSecond(), r.coldEvaluationsPerSecond());
        out.printf(Locale.ROOT, "peak heap %.0f MiB (sum of heap pool peaks; max heap %d MiB)%n", r.peakHeapMiB(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.flush();
    }

}
