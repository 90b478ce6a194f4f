package dev.clave.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.ClaveInputException;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.data.StratifiedSplit;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Calibrate on one labelled file, score another, and compare with majority, k-NN and logistic-probe "
                + "baselines on the same split: accuracy, macro-F1, Cohen's kappa, per-value table, confusion matrix, "
                + "calibration time, evaluations per second and peak heap. With --data and --seeds: one stratified "
                + "split per seed, and the mean and spread of every figure over the seeds.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--calibration", paramLabel = "FILE", description = "Labelled samples to calibrate on (with --test).")
    Path calibration;

    @Option(names = "--test", paramLabel = "FILE", description = "Labelled samples to score (with --calibration).")
    Path test;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Labelled samples to split once per seed into calibration and test (instead of --calibration and --test).")
    Path data;

    @Option(names = "--seeds", paramLabel = "N,N,...", split = ",",
            description = "Seeds of the stratified splits of --data, e.g. 1,2,3. Default: 1.")
    List<Long> seeds;

    @Option(names = "--per-value", defaultValue = "100", description = "With --data: calibration samples per value. Default: ${DEFAULT-VALUE}.")
    int perValue;

    @Option(names = "--min-per-label", defaultValue = "2",
            description = "With --data: at least this many of each label a value has, if available. Default: ${DEFAULT-VALUE}.")
    int minPerLabel;

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
        boolean pair = calibration != null || test != null;
        if (pair && data != null) {
            throw new IllegalArgumentException("Give either --calibration and --test, or --data (with --seeds), not both.");
        }
        if (!pair && data == null) {
            throw new IllegalArgumentException("Give --calibration FILE and --test FILE, or --data FILE --seeds 1,2,3 to "
                    + "split one labelled file once per seed.");
        }
        if (pair && (calibration == null || test == null)) {
            throw new IllegalArgumentException("--calibration and --test go together: give both, or --data with --seeds.");
        }
        if (pair && seeds != null) {
            throw new IllegalArgumentException("--seeds splits --data; with --calibration and --test the split is fixed. "
                    + "Give --data FILE --seeds 1,2,3 instead.");
        }
        CliFiles.requireDistinct(pair ? "--calibration" : "--data", pair ? calibration : data, "--json", json);
        if (pair) {
            CliFiles.requireDistinct("--test", test, "--json", json);
        }
        // each file is read once (either may be a pipe); without --value-system, the samples name it
        ValueSystem given = valueSystem != null ? ValueSystems.resolve(valueSystem) : null;
        List<LabelledSample> first = Samples.readAll(pair ? calibration : data, given);
        ValueSystem system = given != null ? given : inferValueSystem(first);
        TerminalProgress progress = new TerminalProgress(System.err, quiet);
        ClaveSetup setup = extractorOptions.setup(system, calibrationOptions, progress);
        Benchmark benchmark = new Benchmark(system, setup.extractor(), setup.calibrator(), progress, calibrationOptions.seed);
        PrintWriter out = spec.commandLine().getOut();
        if (pair) {
            List<LabelledSample> testSamples = Samples.readAll(test, system);
            if (testSamples.isEmpty()) {
                throw new ClaveInputException("No test samples in " + test + ": give a labelled JSONL file with at least one sample");
            }
            Benchmark.Result result = benchmark.run(first, testSamples, artifact);
            print(result, out);
            extractorOptions.reportUsage(System.err, quiet);
            if (json != null) {
                CliFiles.writeJson(json, result, "the bench figures");
            }
            return 0;
        }
        List<Long> chosen = seeds == null || seeds.isEmpty() ? List.of(1L) : List.copyOf(new LinkedHashSet<>(seeds));
        List<Benchmark.Result> results = new ArrayList<>();
        for (long seed : chosen) {
            StratifiedSplit split = StratifiedSplit.of(first, perValue, minPerLabel, seed);
            if (split.test().isEmpty()) {
                throw new ClaveInputException("With --per-value " + perValue + ", no samples of " + data + " are left to test "
                        + "on: give a smaller --per-value");
            }
            Benchmark.Result result = benchmark.run(split.calibration(), split.test(), artifact.resolve("seed-" + seed));
            out.printf(Locale.ROOT, "%n=== split seed %d ===", seed);
            print(result, out);
            results.add(result);
        }
        SeedSummary summary = SeedSummary.of(chosen, results);
        printSummary(summary, out);
        extractorOptions.reportUsage(System.err, quiet);
        if (json != null) {
            CliFiles.writeJson(json, new SeedsReport(summary, results), "the bench figures");
        }
        return 0;
    }

    /** The JSON of a --seeds run: the summary over seeds, then every seed's full figures. */
    @JsonPropertyOrder({"summary", "splits"})
    record SeedsReport(SeedSummary summary, List<Benchmark.Result> splits) {
    }

    static void printSummary(SeedSummary s, PrintWriter out) {
        out.printf(Locale.ROOT, "%nOver %d split seeds %s (mean ± sample standard deviation, [min, max]):%n", s.seeds().size(),
                s.seeds());
        out.printf(Locale.ROOT, "%-22s %-33s %-33s %-33s%n", "method", "accuracy", "per-value mF1", "kappa");
        s.methods().forEach((method, figures) -> out.printf(Locale.ROOT, "%-22s %-33s %-33s %-33s%n", method,
                figures.get("accuracy").format(), figures.get("perValueMacroF1").format(), figures.get("kappa").format()));
        out.printf(Locale.ROOT, "CLAVE minus k-NN: accuracy %s, per-value mF1 %s%n", s.marginOverKnn().get("accuracy").format(),
                s.marginOverKnn().get("perValueMacroF1").format());
        out.printf(Locale.ROOT, "CLAVE minus logistic probe: accuracy %s, per-value mF1 %s%n",
                s.marginOverProbe().get("accuracy").format(), s.marginOverProbe().get("perValueMacroF1").format());
        out.printf(Locale.ROOT, "calibration seconds %s (in this JVM)%n", s.calibrationSeconds().format());
        out.flush();
    }

    private ValueSystem inferValueSystem(List<LabelledSample> samples) {
        Path source = calibration != null ? calibration : data;
        Set<String> values = new LinkedHashSet<>();
        samples.forEach(s -> values.add(s.value()));
        for (ValueSystem candidate : ValueSystems.builtIns()) {
            if (candidate.valueIds().containsAll(values)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No built-in value system has all the values of " + source + " ("
                + String.join(", ", values) + "). Give --value-system with a value-system JSON file.");
    }

    static void print(Benchmark.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%nClave bench: %s, calibration %s, extractor %s, encoder %s%n%s%n", r.valueSystem(),
                r.calibrationId(), r.extractor(), r.encoder(), r.head());
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
        var p = r.baselines().logisticProbe();
        out.printf(Locale.ROOT, "%-22s %9.4f %9.4f %16.4f %7.4f%n", String.format(Locale.ROOT, "logistic probe (L2 %.0e)",
                p.strength()), p.accuracy(), p.macroF1(), p.perValueMacroF1(), p.kappa());
        out.printf(Locale.ROOT, "%n%-18s %7s %9s %9s %9s %9s %9s %9s %9s %9s%n", "value", "n", "acc", "mF1", "maj acc",
                "maj mF1", "knn acc", "knn mF1", "probe acc", "probe mF1");
        for (Benchmark.ValueRow row : r.perValue()) {
            out.printf(Locale.ROOT, "%-18s %7d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", row.value(), row.samples(),
                    row.accuracy(), row.macroF1(), row.majorityAccuracy(), row.majorityMacroF1(), row.knnAccuracy(),
                    row.knnMacroF1(), row.probeAccuracy(), row.probeMacroF1());
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
