package dev.clave;

import org.apiguardian.api.API;

/**
 * Receives progress of long work (calibration, benchmarks), e.g. to draw a progress bar. Called from the
 * working thread; implementations must be quick.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Progress {

    /** The {@code total} of a phase whose size is not known in advance, e.g. texts read from a pipe. */
    long UNKNOWN = -1;

    /** Ignores all progress. */
    Progress NONE = (phase, done, total) -> { };

    /**
     * @param phase what is being done, e.g. "extracting concepts"
     * @param done  units done so far in this phase
     * @param total units in this phase, or {@link #UNKNOWN}
     */
    void update(String phase, long done, long total);
}
