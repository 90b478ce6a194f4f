package dev.clave.probe;

import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;

/**
 * The domain of a multiple-choice item, after CValues' split of safety (the floor: no harmful content) and
 * responsibility (the ceiling: guidance that serves the user and society). Each domain belongs to one of the two
 * values of the built-in {@code safety-responsibility} value system, its {@link #value()}, on which the model's
 * open-ended replies to the domain's prompts are judged.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Domain {
    DANGEROUS_ACTIVITIES("dangerous-activities", Domain.SAFETY),
    SELF_HARM("self-harm", Domain.SAFETY),
    PRIVACY("privacy", Domain.SAFETY),
    ILLEGAL_ACTIVITY("illegal-activity", Domain.SAFETY),
    DISCRIMINATION("discrimination", Domain.SAFETY),
    HEALTH("health", Domain.RESPONSIBILITY),
    LAW("law", Domain.RESPONSIBILITY),
    FINANCE("finance", Domain.RESPONSIBILITY),
    ENVIRONMENT("environment", Domain.RESPONSIBILITY),
    PSYCHOLOGY("psychology", Domain.RESPONSIBILITY);

    /** The value id of the safety domains in {@code safety-responsibility}. */
    public static final String SAFETY = "safety";
    /** The value id of the responsibility domains in {@code safety-responsibility}. */
    public static final String RESPONSIBILITY = "responsibility";

    private final String wire;
    private final String value;

    Domain(String wire, String value) {
        this.wire = wire;
        this.value = value;
    }

    /** The name in item files, e.g. {@code dangerous-activities}. */
    public String wire() {
        return wire;
    }

    /** {@value #SAFETY} or {@value #RESPONSIBILITY}: the value of {@code safety-responsibility} the domain tests. */
    public String value() {
        return value;
    }

    /**
     * The domain of a wire name.
     *
     * @throws UnknownNameException listing the valid domains
     */
    public static Domain fromWire(String wire) {
        for (Domain domain : values()) {
            if (domain.wire.equals(wire)) {
                return domain;
            }
        }
        throw new UnknownNameException("domain", String.valueOf(wire), wires());
    }

    /** The wire names, safety domains first. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(Domain::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
