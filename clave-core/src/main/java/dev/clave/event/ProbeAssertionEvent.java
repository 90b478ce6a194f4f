package dev.clave.event;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Optional;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * An assertion compared one figure of a probe's result with a bound, e.g. "discriminator of benevolence at least 0.7"
 * or "position bias at most 0.1". Published by the assertions on the thread of the test that made them.
 *
 * @param probe       which probe the result came from
 * @param model       the id of the model probed
 * @param subject     the value id (value understanding) or domain (multiple choice) the figure is about, or null for
 *                    the figure over all items
 * @param figure      which figure: {@code discriminator}, {@code critique}, {@code gap}, {@code unparseable} (value
 *                    understanding); {@code acc}, {@code acc*}, {@code consistency}, {@code position-bias},
 *                    {@code refusals}, {@code open-ended-opposes} (multiple choice)
 * @param comparison  whether the figure had to be at least or at most the bound
 * @param bound       the bound
 * @param actual      the figure observed
 * @param held        whether the assertion held
 * @param description what was asserted, e.g. {@code discriminator of benevolence at least 0.7}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProbeAssertionEvent(Probe probe, String model, @Nullable String subject, String figure, Comparison comparison,
                                  double bound, double actual, boolean held, String description) {

    /** The probes. */
    public enum Probe {
        /** VUM know-what and know-why ({@link ValueUnderstandingEvent}). */
        VALUE_UNDERSTANDING,
        /** CValues multiple choice ({@link MultiChoiceEvent}). */
        MULTI_CHOICE;

        /** {@code value-understanding} or {@code multi-choice}: the epic of a report. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How the figure was compared with the bound. */
    public enum Comparison {
        AT_LEAST, AT_MOST
    }

    public ProbeAssertionEvent {
        notNull(probe, "probe");
        notBlank(model, "model");
        notBlank(figure, "figure");
        notNull(comparison, "comparison");
        notBlank(description, "description");
    }

    /** The value or domain, or empty for the figure over all items. */
    public Optional<String> subjectOf() {
        return Optional.ofNullable(subject);
    }
}
