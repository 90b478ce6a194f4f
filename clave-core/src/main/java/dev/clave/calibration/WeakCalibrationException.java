package dev.clave.calibration;

import dev.clave.ClaveConfigurationException;
import org.apiguardian.api.API;

/**
 * A calibration is below the configured {@link CalibrationFloor}: its cross-validated agreement with the human labels
 * is too low to test with. The message names the weak figures and values and says how to fix the calibration data.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class WeakCalibrationException extends ClaveConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient CalibrationReport report;

    WeakCalibrationException(CalibrationReport report, String message) {
        super(message);
        this.report = report;
    }

    /** The report of the weak calibration. */
    public CalibrationReport report() {
        return report;
    }
}
