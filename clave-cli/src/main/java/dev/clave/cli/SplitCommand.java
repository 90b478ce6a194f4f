package dev.clave.cli;

import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.data.StratifiedSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
        List<LabelledSample> samples = Samples.readAll(data, null);
        StratifiedSplit split = StratifiedSplit.of(samples, perValue, minPerLabel, seed);
        Samples.write(calibrationOut, split.calibration());
        Samples.write(testOut, split.test());
        spec.commandLine().getOut().printf("%d calibration samples -> %s%n%d test samples -> %s%n",
                split.calibration().size(), calibrationOut, split.test().size(), testOut);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
