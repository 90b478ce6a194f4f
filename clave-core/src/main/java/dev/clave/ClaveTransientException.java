package dev.clave;

import org.apiguardian.api.API;

/**
 * A failure that may go away when the same call is made again later: a rate limit, a server error,
 * a timeout. Callers may retry; Clave's own retry budget has already been spent when this reaches them.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ClaveTransientException extends ClaveException {

    private static final long serialVersionUID = 1L;

    public ClaveTransientException(String message) {
        super(message);
    }

    public ClaveTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
