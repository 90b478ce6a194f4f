package dev.clave.calibration;

import dev.clave.ClaveInputException;
import dev.clave.concept.ConceptExtractor;
import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.embedding.Encoder;
import dev.clave.internal.Hashing;
import dev.clave.recognizer.HeadConfig;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.jspecify.annotations.Nullable;

import java.security.MessageDigest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.notNull;

/**
 * Calibration samples, validated against the value system and put in canonical order (sorted by their JSON form, so
 * that an artifact does not depend on the order of the file), with the encoder chosen for them and the calibration
 * id: a hash of everything that decides the artifact. Computed once per calibration.
 *
 * @param samples the validated samples in canonical order
 * @param encoder the encoder: the configured one, or the one chosen by the samples' language
 * @param id      the calibration id (16 hex digits)
 */
record CalibrationData(List<LabelledSample> samples, Encoder encoder, String id) {

    static CalibrationData of(List<LabelledSample> samples, ValueSystem valueSystem, ConceptExtractor extractor,
                              @Nullable Encoder encoder, HeadConfig head, long seed, int folds) {
        validate(samples, valueSystem);
        record Keyed(String line, LabelledSample sample) {
        }
        List<Keyed> sorted = samples.stream().map(s -> new Keyed(Samples.toJsonLine(s), s))
                .sorted(Comparator.comparing(Keyed::line)).toList();
        List<LabelledSample> ordered = sorted.stream().map(Keyed::sample).toList();
        Encoder chosen = encoder != null ? encoder : Encoder.forCalibration(ordered.stream().map(LabelledSample::text).toList());
        MessageDigest digest = Hashing.newDigest();
        Hashing.update(digest, "clave-artifact-" + CalibratedModel.FORMAT);
        Hashing.update(digest, ValueSystems.toJson(valueSystem));
        Hashing.update(digest, extractor.id());
        Hashing.update(digest, extractor.version());
        Hashing.update(digest, chosen.id());
        Hashing.update(digest, head.fingerprint());
        Hashing.update(digest, Long.toString(seed));
        Hashing.update(digest, Integer.toString(folds));
        sorted.forEach(keyed -> Hashing.update(digest, keyed.line()));
        return new CalibrationData(ordered, chosen, Hashing.hex(digest).substring(0, 16));
    }

    private static void validate(List<LabelledSample> samples, ValueSystem valueSystem) {
        notNull(samples, "samples");
        if (samples.isEmpty()) {
            throw new ClaveInputException("No calibration samples. Give at least a few labelled samples per value of '"
                    + valueSystem.id() + "' (" + String.join(", ", valueSystem.valueIds()) + ").");
        }
        Map<String, Integer> perValue = new LinkedHashMap<>();
        valueSystem.valueIds().forEach(v -> perValue.put(v, 0));
        for (LabelledSample sample : samples) {
            if (!valueSystem.contains(sample.value())) {
                throw valueSystem.unknownValue(sample.value());
            }
            perValue.merge(sample.value(), 1, Integer::sum);
        }
        List<String> missing = perValue.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new ClaveInputException("The calibration data has no samples for " + String.join(", ", missing)
                    + " of value system '" + valueSystem.id() + "'. Label some texts for every value (30 to 100 per value"
                    + " work well), or use a value system that defines only the values you label.");
        }
    }
}
