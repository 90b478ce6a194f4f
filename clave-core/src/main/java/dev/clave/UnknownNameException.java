package dev.clave;

import org.apiguardian.api.API;

import java.util.List;

/**
 * A configured name that Clave does not know: an extractor, encoder, cache store, cache or answer mode, provider or
 * option. The message lists the valid names. {@link dev.clave.value.UnknownValueException} is the case of a value or
 * value-system id.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnknownNameException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String unknown;
    private final List<String> valid;

    public UnknownNameException(String what, String unknown, List<String> valid) {
        this(what, unknown, valid, "");
    }

    /**
     * @param what    what kind of name it is, e.g. "extractor"
     * @param unknown the name that was asked for
     * @param valid   the names that exist
     * @param hint    text appended to the list of valid names, e.g. ", or the path of a JSON file"
     */
    public UnknownNameException(String what, String unknown, List<String> valid, String hint) {
        super("Unknown " + what + " '" + unknown + "'. Valid ids are: " + String.join(", ", valid) + hint);
        this.unknown = unknown;
        this.valid = List.copyOf(valid);
    }

    /** The name that was asked for. */
    public String unknown() {
        return unknown;
    }

    /** The names that would have been accepted. */
    public List<String> valid() {
        return valid;
    }
}
