package dev.clave.calibration;

import dev.clave.Progress;
import dev.clave.concept.Concept;
import dev.clave.data.Label;
import dev.clave.data.TextInput;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.TextScore;
import dev.clave.recognizer.ValueRecognizer;
import dev.clave.stats.ConfusionMatrix;
import dev.clave.value.ValueSystem;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K-fold cross-validation of the small model, folds grouped by text (all labels of a text are held out together) and
 * stratified by value and label. Each fold's held-out texts are scored by {@link ValueRecognizer#score}, the path
 * evaluation uses, so the reported quality is that of the verdicts users get. A converged head chooses its strength
 * (and tunes its decision offsets) by its own cross-validation on each fold's training texts only, so the selection is
 * nested and the figures stay honest. Fine-tuning is not cross-validated (it would multiply the calibration's cost by
 * the folds): the figures are those of the frozen head. On the same folds, the majority baseline
 * predicts for each held-out label of a value the label most frequent among that value's training labels of the fold
 * (ties: the first in {@link Label} order), so that a report can say whether the small model learned more than the
 * label distribution.
 *
 * @param folds            the folds run (0 when skipped)
 * @param overall          gold against predicted over all held-out labels
 * @param perValue         the same per value, in the value system's order
 * @param baseline         gold against the majority baseline's label over all held-out labels
 * @param baselinePerValue the same per value, in the value system's order
 */
record CrossValidation(int folds, ConfusionMatrix overall, Map<String, ConfusionMatrix> perValue, ConfusionMatrix baseline,
                       Map<String, ConfusionMatrix> baselinePerValue) {

    static CrossValidation run(CalibrationConcepts data, ValueSystem valueSystem, HeadConfig head, long seed, int folds,
                               ConceptEmbedder embedder, float @Nullable [][] definitions, Progress progress,
                               FoldObserver observer) {
        ConfusionMatrix overall = new ConfusionMatrix();
        Map<String, ConfusionMatrix> perValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> perValue.put(v, new ConfusionMatrix()));
        ConfusionMatrix baseline = new ConfusionMatrix();
        Map<String, ConfusionMatrix> baselinePerValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> baselinePerValue.put(v, new ConfusionMatrix()));
        int effective = Math.min(folds, data.texts().size());
        if (effective < 2) {
            return new CrossValidation(0, overall, perValue, baseline, baselinePerValue);
        }
        int[] pairText = data.pairText();
        int[] foldOfText = Folds.assign(pairText, data.set().pairValue(), data.set().pairLabel(), data.texts().size(),
                effective, seed);
        for (int fold = 0; fold < effective; fold++) {
            progress.update("cross-validating (fold " + (fold + 1) + " of " + effective + ")", fold, effective);
            List<Integer> trainPairs = new ArrayList<>();
            for (int p = 0; p < pairText.length; p++) {
                if (foldOfText[pairText[p]] != fold) {
                    trainPairs.add(p);
                }
            }
            List<Integer> heldOutTexts = new ArrayList<>();
            Map<Integer, Integer> positionOfText = new LinkedHashMap<>();
            for (int t = 0; t < data.texts().size(); t++) {
                if (foldOfText[t] == fold) {
                    positionOfText.put(t, heldOutTexts.size());
                    heldOutTexts.add(t);
                }
            }
            if (trainPairs.isEmpty() || heldOutTexts.isEmpty()) {
                continue;
            }
            Label[] majority = majorityLabels(data.set().pairValue(), data.set().pairLabel(), trainPairs,
                    valueSystem.values().size());
            List<TextInput> texts = heldOutTexts.stream().map(t -> data.texts().get(t)).toList();
            List<List<Concept>> concepts = heldOutTexts.stream().map(t -> data.concepts().get(t)).toList();
            try (ValueRecognizer recognizer = ValueRecognizer.train(data.set().subset(trainPairs), valueSystem.values().size(),
                    data.dimension(), head, seed, definitions, epoch -> { })) {
                List<TextScore> scores = recognizer.score(texts, concepts, valueSystem.valueIds(), embedder);
                for (int p = 0; p < pairText.length; p++) {
                    Integer position = positionOfText.get(pairText[p]);
                    if (position == null) {
                        continue;
                    }
                    int v = data.set().pairValue()[p];
                    Label gold = data.set().pairLabel()[p];
                    Label predicted = scores.get(position).values().get(v).label();
                    overall.add(gold, predicted);
                    perValue.get(valueSystem.valueIds().get(v)).add(gold, predicted);
                    baseline.add(gold, majority[v]);
                    baselinePerValue.get(valueSystem.valueIds().get(v)).add(gold, majority[v]);
                }
                observer.fold(fold, recognizer, texts, scores);
            }
        }
        progress.update("cross-validating", effective, effective);
        return new CrossValidation(effective, overall, perValue, baseline, baselinePerValue);
    }

    /** Per value, its most frequent label among the training pairs (ties: the first in {@link Label} order). */
    static Label[] majorityLabels(int[] pairValue, Label[] pairLabel, List<Integer> trainPairs, int values) {
        int[][] counts = new int[values][Label.values().length];
        for (int p : trainPairs) {
            counts[pairValue[p]][pairLabel[p].ordinal()]++;
        }
        Label[] majority = new Label[values];
        for (int v = 0; v < values; v++) {
            int best = 0;
            for (int l = 1; l < Label.values().length; l++) {
                if (counts[v][l] > counts[v][best]) {
                    best = l;
                }
            }
            majority[v] = Label.values()[best];
        }
        return majority;
    }
}
