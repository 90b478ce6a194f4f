package dev.clave.cli;

import dev.clave.calibration.CalibrationFloor;
import dev.clave.data.Samples;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.setup.ClaveSetup;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate an evaluator from labelled JSONL ({\"text\",\"value\",\"label\",\"scenario\"?,\"id\"?}) "
                + "and save it in a directory. Re-running with the same inputs loads the saved evaluator.")
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--value-system", required = true, paramLabel = "ID",
            description = "Built-in value system (schwartz, moral-foundations, social-risks, safety-responsibility) or a JSON file.")
    String valueSystem;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled samples, JSONL.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the calibrated evaluator.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--minimum-kappa", paramLabel = "KAPPA",
            description = "Fail (exit 2) when the cross-validated Cohen's kappa is below KAPPA, naming the weak values.")
    Double minimumKappa;

    @Option(names = "--beat-baseline",
            description = "Fail (exit 2) unless the cross-validated macro-F1 and kappa beat the majority baseline's.")
    boolean beatBaseline;

    @Mixin
    ExtractorOptions extractorOptions;

    @Mixin
    CalibrationOptions calibrationOptions;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ValueSystem system = ValueSystems.resolve(valueSystem);
        var samples = Samples.readAll(data, system);
        CalibrationFloor floor = new CalibrationFloor(minimumKappa == null ? Double.NaN : minimumKappa, beatBaseline);
        ClaveSetup setup = extractorOptions.setup(system, calibrationOptions, new TerminalProgress(System.err, quiet), floor);
        try (ClaveEvaluator evaluator = setup.calibrate(samples, data.toString(), out)) {
            var printer = spec.commandLine().getOut();
            printer.print(evaluator.report().summary());
            printer.printf(Locale.ROOT, "saved to %s (%.1f s)%n", out.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
            printer.flush();
        }
        extractorOptions.reportUsage(System.err, quiet);
        return 0;
    }
}
