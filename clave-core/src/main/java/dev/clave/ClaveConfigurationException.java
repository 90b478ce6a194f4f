package dev.clave;

import org.apiguardian.api.API;

/**
 * Clave is set up wrongly: an unknown value system or value, a missing file, an option out of range.
 * The message names what is wrong and how to fix it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ClaveConfigurationException extends ClaveException {

    private static final long serialVersionUID = 1L;

    public ClaveConfigurationException(String message) {
        super(message);
    }

    public ClaveConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
