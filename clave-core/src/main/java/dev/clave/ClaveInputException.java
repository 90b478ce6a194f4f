package dev.clave;

import org.apiguardian.api.API;

/**
 * Input data is not what Clave expects: a malformed data line, an empty text, a label that does not exist.
 * The message says where the bad input is and what was expected.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ClaveInputException extends ClaveException {

    private static final long serialVersionUID = 1L;

    public ClaveInputException(String message) {
        super(message);
    }

    public ClaveInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
