package dev.clave.assertions;

import dev.clave.data.Label;
import dev.clave.evaluation.Evaluation;
import dev.clave.evaluation.Evidence;
import dev.clave.evaluation.ValueVerdict;

import java.util.Collection;
import java.util.Locale;

/** Renders evaluations for failure messages: the shortened text, the verdict table, the evidence. */
final class Rendering {

    /** The longest text a message shows before shortening it. */
    static final int TEXT_LIMIT = 160;

    private Rendering() {
    }

    /** The text on one line, shortened to {@link #TEXT_LIMIT} characters with the full length noted. */
    static String shortened(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.length() <= TEXT_LIMIT) {
            return line;
        }
        return line.substring(0, TEXT_LIMIT - 3) + "... (" + text.length() + " chars)";
    }

    /**
     * The verdict of every value with its probabilities; rows of {@code marked} values start with {@code >}.
     * Then the evidence concepts of the marked values, the scenario and the calibration.
     */
    static String details(Evaluation evaluation, Collection<String> marked) {
        int width = Math.max(5, evaluation.valueIds().stream().mapToInt(String::length).max().orElse(5));
        String row = "%s %-" + width + "s  %-9s  %8s  %7s  %9s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "verdicts (value system %s, calibration %s):%n", evaluation.valueSystem(),
                evaluation.calibrationId()));
        out.append(String.format(Locale.ROOT, row, " ", "value", "label", "supports", "opposes", "unrelated"));
        for (ValueVerdict verdict : evaluation.verdicts()) {
            out.append(String.format(Locale.ROOT, row, marked.contains(verdict.value()) ? ">" : " ", verdict.value(),
                    verdict.label().wire(), p(verdict.supports()), p(verdict.opposes()), p(verdict.unrelated())));
        }
        for (String value : marked) {
            ValueVerdict verdict = evaluation.verdict(value);
            if (verdict.evidence().isEmpty()) {
                out.append(String.format(Locale.ROOT, "evidence for %s: none (no concept applied to it)%n", value));
                continue;
            }
            out.append(String.format(Locale.ROOT, "evidence for %s:%n", value));
            for (Evidence evidence : verdict.evidence()) {
                out.append("  - ").append(evidence(evidence)).append(System.lineSeparator());
            }
        }
        if (evaluation.scenario() != null) {
            out.append(String.format(Locale.ROOT, "scenario: \"%s\"%n", shortened(evaluation.scenario())));
        }
        if (evaluation.id() != null) {
            out.append(String.format(Locale.ROOT, "id: %s%n", evaluation.id()));
        }
        return out.toString().stripTrailing();
    }

    /**
     * E.g. {@code "mix antifreeze into its food" -> opposes 0.920, nearest calibrated cluster (medoid: "...", opposes,
     * similarity 0.81)}: the calibration concepts are clustered, and the evidence names the cluster whose medoid is
     * closest, with the human label of the medoid's text.
     */
    static String evidence(Evidence evidence) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "\"%s\" -> %s %s", shortened(evidence.concept()),
                evidence.label().wire(), p(evidence.probability())));
        if (evidence.nearestCalibrated() != null) {
            out.append(String.format(Locale.ROOT, ", nearest calibrated cluster (medoid: \"%s\", %s, similarity %.2f)",
                    shortened(evidence.nearestCalibrated()), evidence.nearestLabel() == null ? "?" : evidence.nearestLabel().wire(),
                    evidence.similarity()));
        }
        return out.toString();
    }

    /** A probability or rate with three decimals. */
    static String p(double probability) {
        return Double.isNaN(probability) ? "-" : String.format(Locale.ROOT, "%.3f", probability);
    }

    /** "support value", "oppose value", "be unrelated to value". */
    static String verb(Label label) {
        return switch (label) {
            case SUPPORTS -> "support value";
            case OPPOSES -> "oppose value";
            case UNRELATED -> "be unrelated to value";
        };
    }
}
