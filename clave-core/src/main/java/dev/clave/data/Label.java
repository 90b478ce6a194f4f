package dev.clave.data;

import com.fasterxml.jackson.annotation.JsonValue;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;

/**
 * How a text relates to a value: it {@link #SUPPORTS supports} it, {@link #OPPOSES opposes} it, or is
 * {@link #UNRELATED unrelated} to it. The wire form (in JSONL files, reports and the CLI) is the lower-case name.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Label {
    SUPPORTS("supports"),
    OPPOSES("opposes"),
    UNRELATED("unrelated");

    private static final List<Label> ALL = List.of(values());

    private final String wire;

    Label(String wire) {
        this.wire = wire;
    }

    /** The lower-case name used in files: {@code supports}, {@code opposes} or {@code unrelated}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The labels in index order (the order of the small model's outputs). */
    public static List<Label> all() {
        return ALL;
    }

    /** The wire names, for error messages: "supports, opposes, unrelated". */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Label::wire).toList());
    }

    /**
     * The label with that wire name.
     *
     * @throws IllegalArgumentException naming the valid labels when there is none
     */
    public static Label fromWire(String wire) {
        for (Label label : values()) {
            if (label.wire.equals(wire)) {
                return label;
            }
        }
        throw new IllegalArgumentException("label must be one of " + wireNames() + ", but is: "
                + (wire == null ? "null" : "'" + wire + "'"));
    }

    @Override
    public String toString() {
        return wire;
    }
}
