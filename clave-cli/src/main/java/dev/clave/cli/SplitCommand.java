package dev.clave.cli;

import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.data.StratifiedSplit;
import dev.clave.internal.AtomicFiles;
import dev.clave.internal.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split labelled JSONL into a calibration file (a stratified sample per value) and a test file (the rest).")
final class SplitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled samples, JSONL.")
    Path data;

    @Option(names = "--per-value", defaultValue = "100", description = "Calibration samples per value. Default: ${DEFAULT-VALUE}.")
    int perValue;

    @Option(names = "--min-per-label", defaultValue = "2",
            description = "At least this many of each label a value has, if available. Default: ${DEFAULT-VALUE}.")
    int minPerLabel;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--calibration-out", required = true, paramLabel = "FILE", description = "Where to write the calibration samples.")
    Path calibrationOut;

    @Option(names = "--test-out", required = true, paramLabel = "FILE", description = "Where to write the other samples.")
    Path testOut;

    @Override
    public Integer call() {
        CliFiles.requireDistinct("--data", data, "--calibration-out", calibrationOut);
        CliFiles.requireDistinct("--data", data, "--test-out", testOut);
        CliFiles.requireDistinct("--calibration-out", calibrationOut, "--test-out", testOut);
        List<LabelledSample> samples = Samples.readAll(data, null);
        StratifiedSplit split = StratifiedSplit.of(samples, perValue, minPerLabel, seed);
        // both files are written beside their targets and moved into place together, after both are complete
        try (AtomicFiles.Replacement calibrationFile = AtomicFiles.replace(calibrationOut, "the calibration samples");
             AtomicFiles.Replacement testFile = AtomicFiles.replace(testOut, "the test samples")) {
            write(calibrationFile, split.calibration());
            write(testFile, split.test());
            calibrationFile.commit();
            testFile.commit();
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite("the split", calibrationOut, e, "give paths in a writable directory");
        }
        spec.commandLine().getOut().printf("%d calibration samples -> %s%n%d test samples -> %s%n",
                split.calibration().size(), Printable.escape(calibrationOut.toString()), split.test().size(),
                Printable.escape(testOut.toString()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static void write(AtomicFiles.Replacement file, List<LabelledSample> samples) throws IOException {
        BufferedWriter writer = file.writer();
        for (LabelledSample sample : samples) {
            writer.write(Samples.toJsonLine(sample));
            writer.write('\n');
        }
    }
}
