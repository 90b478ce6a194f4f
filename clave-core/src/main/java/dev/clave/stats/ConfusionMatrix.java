package dev.clave.stats;

import dev.clave.data.Label;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (gold label, predicted label) pairs over the three {@link Label}s, and the agreement figures
 * derived from them: accuracy, per-label precision/recall/F1, macro-F1 and Cohen's kappa.
 *
 * <p>Macro-F1 averages the F1 of the labels that occur in the gold or the predicted labels (a label that
 * never occurs in either is left out rather than counted as 0 or 1), as scikit-learn does by default.
 *
 * <p>Mutable while counting ({@link #add}); not thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConfusionMatrix {

    private static final int N = Label.values().length;
    private final long[][] counts = new long[N][N];

    /** Counts one pair. */
    public ConfusionMatrix add(Label gold, Label predicted) {
        counts[gold.ordinal()][predicted.ordinal()]++;
        return this;
    }

    /** Adds all counts of another matrix. */
    public ConfusionMatrix addAll(ConfusionMatrix other) {
        for (int g = 0; g < N; g++) {
            for (int p = 0; p < N; p++) {
                counts[g][p] += other.counts[g][p];
            }
        }
        return this;
    }

    /** The number of pairs with this gold and predicted label. */
    public long count(Label gold, Label predicted) {
        return counts[gold.ordinal()][predicted.ordinal()];
    }

    /** The number of pairs counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** Share of pairs whose prediction equals the gold label; NaN when empty. */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        long agree = 0;
        for (int i = 0; i < N; i++) {
            agree += counts[i][i];
        }
        return (double) agree / total;
    }

    /** F1 of one label: {@code 2tp / (2tp + fp + fn)}; 0 when it has no true positive. */
    public double f1(Label label) {
        int i = label.ordinal();
        long tp = counts[i][i];
        long fp = 0;
        long fn = 0;
        for (int j = 0; j < N; j++) {
            if (j != i) {
                fp += counts[j][i];
                fn += counts[i][j];
            }
        }
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Precision of one label; NaN when it was never predicted. */
    public double precision(Label label) {
        int i = label.ordinal();
        long predicted = 0;
        for (int g = 0; g < N; g++) {
            predicted += counts[g][i];
        }
        return predicted == 0 ? Double.NaN : (double) counts[i][i] / predicted;
    }

    /** Recall of one label; NaN when it never occurs in the gold labels. */
    public double recall(Label label) {
        int i = label.ordinal();
        long gold = 0;
        for (int p = 0; p < N; p++) {
            gold += counts[i][p];
        }
        return gold == 0 ? Double.NaN : (double) counts[i][i] / gold;
    }

    /** The labels that occur among the gold or the predicted labels. */
    public List<Label> presentLabels() {
        List<Label> present = new ArrayList<>();
        for (Label label : Label.values()) {
            int i = label.ordinal();
            long n = 0;
            for (int j = 0; j < N; j++) {
                n += counts[i][j] + counts[j][i];
            }
            if (n > 0) {
                present.add(label);
            }
        }
        return present;
    }

    /** Unweighted mean F1 over {@link #presentLabels()}; NaN when empty. */
    public double macroF1() {
        List<Label> present = presentLabels();
        if (present.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Label label : present) {
            sum += f1(label);
        }
        return sum / present.size();
    }

    /**
     * Cohen's kappa: agreement beyond what the two label distributions give by chance. 1 is perfect agreement, 0
     * chance level; NaN when empty; 0 when chance agreement is already 1 (a single label everywhere).
     */
    public double kappa() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double observed = accuracy();
        double expected = 0;
        for (int i = 0; i < N; i++) {
            long gold = 0;
            long predicted = 0;
            for (int j = 0; j < N; j++) {
                gold += counts[i][j];
                predicted += counts[j][i];
            }
            expected += ((double) gold / total) * ((double) predicted / total);
        }
        return expected >= 1.0 ? 0.0 : (observed - expected) / (1.0 - expected);
    }

    /** Counts as {@code [gold][predicted]}, in {@link Label} order. */
    public long[][] toArray() {
        long[][] copy = new long[N][];
        for (int i = 0; i < N; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** A text table: rows gold, columns predicted. */
    public String format() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s", "gold \\ pred"));
        for (Label p : Label.values()) {
            out.append(String.format(Locale.ROOT, "%11s", p.wire()));
        }
        out.append('\n');
        for (Label g : Label.values()) {
            out.append(String.format(Locale.ROOT, "%-14s", g.wire()));
            for (Label p : Label.values()) {
                out.append(String.format(Locale.ROOT, "%11d", count(g, p)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
