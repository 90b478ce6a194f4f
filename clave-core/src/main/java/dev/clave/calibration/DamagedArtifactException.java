package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import org.apiguardian.api.API;

import java.nio.file.Path;

/**
 * A calibrated evaluator's artifact failed verification on load: a file is missing, changed (its checksum differs from
 * the one recorded when it was written), added, or inconsistent with the manifest. Its verdicts would be wrong, so it
 * is never used; calibrating again into the same directory rebuilds it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class DamagedArtifactException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient Path artifact;

    DamagedArtifactException(Path artifact, String problem, Throwable cause) {
        super("The calibrated evaluator in " + artifact.toAbsolutePath() + " is damaged or was edited: " + problem
                + ". It is not used, since its verdicts could be wrong. Calibrate again into the same directory to rebuild"
                + " it (clave calibrate --value-system ID --data FILE --out " + artifact + ").", cause);
        this.artifact = artifact;
    }

    /** The artifact directory. */
    public Path artifact() {
        return artifact;
    }
}
