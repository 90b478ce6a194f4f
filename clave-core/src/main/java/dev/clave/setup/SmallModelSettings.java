package dev.clave.setup;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import dev.clave.embedding.Encoder;
import dev.clave.recognizer.DecisionRule;
import dev.clave.recognizer.HeadConfig;
import dev.clave.recognizer.HeadKind;
import dev.clave.recognizer.SelectionCriterion;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.clave.internal.Preconditions.notNull;

/**
 * The small model's configuration keys, as the JUnit extension (and any other front end that reads key/value settings)
 * takes them; the CLI has the same choices as options ({@code --head}, {@code --decision}, {@code --fine-tune},
 * {@code --strengths}, {@code --select}, {@code --encoder}). Every key is optional; unset keys keep the measured defaults of
 * {@link HeadConfig#defaults()} and the encoder chosen by the calibration data's language.
 *
 * <ul>
 *   <li>{@value #HEAD}: {@code logistic} (default: one converged head per value), {@code shared} (one head over
 *   the values' definitions) or {@code adamw} (the head of the first releases)</li>
 *   <li>{@value #DECISION}: {@code argmax} (default) or {@code macro-f1} (per-value decision offsets tuned by
 *   cross-validation: finds more {@code opposes} for some accuracy)</li>
 *   <li>{@value #FINE_TUNE}: epochs of fine-tuning the encoder on the calibration labels, 0 (default) keeps it frozen</li>
 *   <li>{@value #STRENGTHS}: the L2 strengths cross-validation chooses from, comma-separated</li>
 *   <li>{@value #SELECT}: what that cross-validation maximises, {@code kappa} (default) or {@code log-loss}</li>
 *   <li>{@value #ENCODER}: a sentence encoder id, see {@link Encoder#ids()}</li>
 * </ul>
 *
 * @param head    the head
 * @param encoder the encoder, or null to choose it by the calibration data's language
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SmallModelSettings(HeadConfig head, @Nullable Encoder encoder) {

    /** Key of the head's kind. */
    public static final String HEAD = "clave.small-model.head";
    /** Key of the decision rule. */
    public static final String DECISION = "clave.small-model.decision";
    /** Key of the fine-tuning epochs. */
    public static final String FINE_TUNE = "clave.small-model.fine-tune";
    /** Key of the strength grid. */
    public static final String STRENGTHS = "clave.small-model.strengths";
    /** Key of the strength selection criterion. */
    public static final String SELECT = "clave.small-model.select";
    /** Key of the sentence encoder. */
    public static final String ENCODER = "clave.small-model.encoder";
    /** The defaults: {@link HeadConfig#defaults()}, the encoder chosen by the data's language. */
    public static final SmallModelSettings DEFAULTS = new SmallModelSettings(HeadConfig.defaults(), null);

    public SmallModelSettings {
        notNull(head, "head");
    }

    /** All keys. */
    public static List<String> keys() {
        return List.of(HEAD, DECISION, FINE_TUNE, STRENGTHS, SELECT, ENCODER);
    }

    /**
     * Reads the settings.
     *
     * @param lookup a key's value, or null when it is not set
     * @throws ClaveConfigurationException naming the key, the bad value and how to fix it
     * @throws UnknownNameException        for an unknown head, decision rule, selection criterion or encoder, listing
     *                                     the valid ones
     */
    public static SmallModelSettings fromProperties(Function<String, @Nullable String> lookup) {
        HeadConfig head = HeadConfig.defaults();
        String kind = value(lookup, HEAD);
        if (kind != null) {
            head = head.withKind(HeadKind.fromWire(kind));
        }
        String decision = value(lookup, DECISION);
        if (decision != null) {
            DecisionRule rule = DecisionRule.fromWire(decision);
            head = valid(DECISION, decision, head, h -> h.withDecision(rule));
        }
        String strengths = value(lookup, STRENGTHS);
        if (strengths != null) {
            List<Double> grid = new ArrayList<>();
            for (String s : strengths.split(",")) {
                try {
                    grid.add(Double.parseDouble(s.strip()));
                } catch (NumberFormatException e) {
                    throw new ClaveConfigurationException(STRENGTHS + " must be positive numbers separated by commas, e.g."
                            + " 1e-2,1e-3,1e-4, but is: '" + strengths + "'", e);
                }
            }
            head = valid(STRENGTHS, strengths, head, h -> h.withStrengths(grid));
        }
        String select = value(lookup, SELECT);
        if (select != null) {
            SelectionCriterion criterion = SelectionCriterion.fromWire(select);
            head = valid(SELECT, select, head, h -> h.withSelection(criterion));
        }
        String epochs = value(lookup, FINE_TUNE);
        if (epochs != null) {
            int n;
            try {
                n = Integer.parseInt(epochs);
            } catch (NumberFormatException e) {
                throw new ClaveConfigurationException(FINE_TUNE + " must be a whole number of epochs, 0 to keep the encoder"
                        + " frozen (3 is a good start), but is: '" + epochs + "'", e);
            }
            head = valid(FINE_TUNE, epochs, head, h -> h.withFineTuneEpochs(n));
        }
        String encoderId = value(lookup, ENCODER);
        Encoder encoder = encoderId == null ? null : Encoder.fromId(encoderId);
        return new SmallModelSettings(head, encoder);
    }

    private static @Nullable String value(Function<String, @Nullable String> lookup, String key) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static HeadConfig valid(String key, String value, HeadConfig head, Function<HeadConfig, HeadConfig> change) {
        try {
            return change.apply(head);
        } catch (IllegalArgumentException e) {
            throw new ClaveConfigurationException(key + "=" + value + " does not fit: " + e.getMessage(), e);
        }
    }
}
