package dev.clave.value;

import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

import java.util.List;

/**
 * A value id or value-system id that does not exist. The message lists the valid ones.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnknownValueException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String unknown;
    private final List<String> valid;

    public UnknownValueException(String what, String unknown, List<String> valid) {
        this(what, unknown, valid, "");
    }

    /**
     * @param what    what kind of id it is, e.g. "value of value system 'schwartz'"
     * @param unknown the id that was asked for
     * @param valid   the ids that exist
     * @param hint    text appended to the list of valid ids, e.g. ", or the path of a JSON file"
     */
    public UnknownValueException(String what, String unknown, List<String> valid, String hint) {
        super("Unknown " + what + " '" + Printable.escape(unknown) + "'. Valid ids are: " + String.join(", ", valid) + hint);
        this.unknown = unknown;
        this.valid = List.copyOf(valid);
    }

    /** The id that was asked for. */
    public String unknown() {
        return unknown;
    }

    /** The ids that would have been accepted. */
    public List<String> valid() {
        return valid;
    }
}
