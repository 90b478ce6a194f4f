package dev.clave.cli;

import dev.clave.embedding.Encoder;
import dev.clave.recognizer.Aggregation;
import dev.clave.recognizer.HeadConfig;
import dev.clave.setup.ClaveSetup;
import picocli.CommandLine.Option;

/** Options of the small model and its training, shared by calibrate and bench. */
final class CalibrationOptions {

    @Option(names = "--encoder", paramLabel = "ID",
            description = "Sentence encoder: all-minilm-l6-v2-q, all-minilm-l6-v2, bge-small-en-v15, bge-small-zh-v15. "
                    + "Default: chosen by the data's language.")
    String encoder;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of training, folds and clustering. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (0 to skip). Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--hidden", defaultValue = "0", description = "Hidden layer width of the head (0: linear per-value heads). Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "100", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--class-weight-power", defaultValue = "0",
            description = "Label re-weighting, 0 (data frequencies) to 1 (balanced). Default: ${DEFAULT-VALUE}.")
    double classWeightPower;

    @Option(names = "--aggregation", defaultValue = "mean-logit", paramLabel = "RULE",
            description = "How concept scores become a text's label: mean-logit or mean-probability. Default: ${DEFAULT-VALUE}.")
    String aggregation;

    HeadConfig head() {
        return HeadConfig.defaults().withHiddenSize(hidden).withEpochs(epochs).withClassWeightPower(classWeightPower)
                .withAggregation(Aggregation.fromWire(aggregation));
    }

    /** Puts the small model's options into a setup. */
    void apply(ClaveSetup.Builder builder) {
        builder.head(head()).seed(seed).folds(folds).encoder(encoder == null ? null : Encoder.fromId(encoder));
    }
}
