package dev.clave.probe;

import org.apiguardian.api.API;

/**
 * The judge's scores of one know-why explanation, each from 1 to 5 against the value's definition and the human
 * label.
 *
 * @param attribution    why the text reflects, violates or does not touch the value
 * @param counterfactual what change would flip the label
 * @param rebuttal       the strongest objection, and its answer
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CritiqueScores(int attribution, int counterfactual, int rebuttal) {

    public CritiqueScores {
        check(attribution, "attribution");
        check(counterfactual, "counterfactual");
        check(rebuttal, "rebuttal");
    }

    /** The critique score of the explanation: the mean of the three scores divided by 5, in [0.2, 1]. */
    public double score() {
        return (attribution + counterfactual + rebuttal) / 15.0;
    }

    /** The score of one part divided by 5. */
    public double score(Part part) {
        return switch (part) {
            case ATTRIBUTION -> attribution / 5.0;
            case COUNTERFACTUAL -> counterfactual / 5.0;
            case REBUTTAL -> rebuttal / 5.0;
        };
    }

    /** The three parts of an explanation. */
    public enum Part {
        ATTRIBUTION, COUNTERFACTUAL, REBUTTAL;

        /** {@code attribution}, {@code counterfactual} or {@code rebuttal}: the JSON field the judge answers. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static void check(int score, String part) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(part + " must be between 1 and 5, but is: " + score);
        }
    }
}
