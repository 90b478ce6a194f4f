package dev.clave;

import org.apiguardian.api.API;

/**
 * Root of every exception Clave throws on purpose. It is unchecked, like JUnit's and LangChain4j's.
 *
 * <p>Subclasses say what the caller can do about it: {@link ClaveConfigurationException} (fix the
 * configuration), {@link ClaveInputException} (fix the input data) and {@link ClaveTransientException}
 * (try again later). Messages never contain secrets such as API keys.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ClaveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClaveException(String message) {
        super(message);
    }

    public ClaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
