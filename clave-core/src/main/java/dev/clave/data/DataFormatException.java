package dev.clave.data;

import dev.clave.ClaveInputException;
import org.apiguardian.api.API;

/**
 * A line of a data file is not what Clave expects. The message reads
 * {@code file:line: what is wrong (what was expected)}, like a compiler's.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class DataFormatException extends ClaveInputException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;

    public DataFormatException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    public DataFormatException(String source, long line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file or resource, as given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the bad line. */
    public long line() {
        return line;
    }

    /** What is wrong with the line, without the location. */
    public String problem() {
        return problem;
    }
}
