package dev.clave.cli;

import dev.clave.embedding.Encoder;
import dev.clave.recognizer.Aggregation;
import dev.clave.recognizer.DecisionRule;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.SelectionCriterion;
import dev.clave.setup.ClaveSetup;
import picocli.CommandLine.Option;

import java.util.List;

/** Options of the small model and its training, shared by calibrate and bench. */
final class CalibrationOptions {

    @Option(names = "--encoder", paramLabel = "ID",
            description = "Sentence encoder: all-minilm-l6-v2-q, all-minilm-l6-v2, bge-small-en-v15-q, bge-small-en-v15, "
                    + "bge-small-zh-v15. Default: chosen by the data's language.")
    String encoder;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of training, folds and clustering. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (0 to skip). Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--head", paramLabel = "KIND",
            description = "The small model's head: logistic (converged L2 logistic regression per value), shared (one "
                    + "logistic head for all values, conditioned on their definitions) or adamw (the AdamW head of the "
                    + "first releases). Default: logistic.")
    String head;

    @Option(names = "--strengths", paramLabel = "S,S,...", split = ",",
            description = "logistic and shared heads: the L2 strengths cross-validation chooses from. Default: per head kind.")
    List<Double> strengths;

    @Option(names = "--select", defaultValue = "kappa", paramLabel = "CRITERION",
            description = "logistic and shared heads: what the cross-validation choosing the strength maximises, kappa "
                    + "(agreement with the labels beyond chance) or log-loss. Default: ${DEFAULT-VALUE}.")
    String select;

    @Option(names = "--decision", defaultValue = "argmax", paramLabel = "RULE",
            description = "argmax (the most probable label; best accuracy) or macro-f1 (per-value offsets tuned on "
                    + "out-of-fold probabilities: finds more of the rarer labels for some accuracy). Default: ${DEFAULT-VALUE}.")
    String decision;

    @Option(names = "--fine-tune", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Also fine-tune the encoder on the calibration labels for this many epochs and average its head "
                    + "with the frozen one (logistic and shared heads; 0: the encoder stays frozen). Default: ${DEFAULT-VALUE}.")
    int fineTune;

    @Option(names = "--hidden", defaultValue = "0", description = "adamw head: hidden layer width (0: linear per-value heads). Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "100", description = "adamw head: training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--class-weight-power", defaultValue = "0",
            description = "adamw head: label re-weighting, 0 (data frequencies) to 1 (balanced). Default: ${DEFAULT-VALUE}.")
    double classWeightPower;

    @Option(names = "--aggregation", defaultValue = "mean-logit", paramLabel = "RULE",
            description = "How concept scores become a text's label: mean-logit or mean-probability. Default: ${DEFAULT-VALUE}.")
    String aggregation;

    HeadConfig head() {
        HeadKind kind = head == null ? HeadConfig.defaults().kind() : HeadKind.fromWire(head);
        HeadConfig config = HeadConfig.defaults().withKind(kind);
        if (strengths != null && !strengths.isEmpty()) {
            config = config.withStrengths(strengths);
        }
        return config.withHiddenSize(hidden).withEpochs(epochs).withClassWeightPower(classWeightPower)
                .withAggregation(Aggregation.fromWire(aggregation)).withDecision(DecisionRule.fromWire(decision))
                .withFineTuneEpochs(fineTune).withSelection(SelectionCriterion.fromWire(select));
    }

    /** Puts the small model's options into a setup. */
    void apply(ClaveSetup.Builder builder) {
        builder.head(head()).seed(seed).folds(folds).encoder(encoder == null ? null : Encoder.fromId(encoder));
    }
}
