package dev.clave.calibration;

import dev.clave.data.Label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Assigns texts to cross-validation folds, stratified by (value, label) and grouped by text. */
final class Folds {

    private Folds() {
    }

    /**
     * @return per text index its fold; pairs of one text always share a fold
     */
    static int[] assign(int[] pairText, int[] pairValue, Label[] pairLabel, int textCount, int folds, long seed) {
        int[] foldOfText = new int[textCount];
        Arrays.fill(foldOfText, -1);
        long[] tieBreak = new long[textCount];
        Random random = new Random(seed);
        for (int t = 0; t < textCount; t++) {
            tieBreak[t] = random.nextLong();
        }
        List<Integer> pairs = new ArrayList<>();
        for (int p = 0; p < pairText.length; p++) {
            pairs.add(p);
        }
        pairs.sort(Comparator.<Integer>comparingInt(p -> pairValue[p])
                .thenComparing(p -> pairLabel[p])
                .thenComparingLong(p -> tieBreak[pairText[p]])
                .thenComparingInt(p -> p));
        int next = 0;
        for (int p : pairs) {
            int text = pairText[p];
            if (foldOfText[text] < 0) {
                foldOfText[text] = next;
                next = (next + 1) % folds;
            }
        }
        for (int t = 0; t < textCount; t++) {
            if (foldOfText[t] < 0) {
                foldOfText[t] = t % folds;
            }
        }
        return foldOfText;
    }
}
