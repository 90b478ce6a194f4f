package dev.clave.data;

import dev.clave.ClaveInputException;
import dev.clave.internal.Printable;
import org.apiguardian.api.API;

/**
 * A line of a data file is not what Clave expects. The message reads
 * {@code file:line: what is wrong (what was expected)}, like a compiler's. Control characters from the data (an ANSI
 * escape sequence, a bell, a carriage return) are shown escaped, e.g. {@code &#92;u001B[31m}, never raw.
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
        super(Printable.escape(source) + ":" + line + ": " + Printable.escape(problem), cause);
        this.source = source;
        this.line = line;
        this.problem = Printable.escape(problem);
    }

    /** The file or resource, as given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the bad line. */
    public long line() {
        return line;
    }

    /** What is wrong with the line, without the location; control characters escaped. */
    public String problem() {
        return problem;
    }
}
