/**
 * Calibration (CLAVE step 1): from labelled samples to a {@link dev.clave.calibration.CalibratedModel} artifact, with
 * cross-validated quality, saved atomically in a directory keyed by the calibration id.
 */
package dev.clave.calibration;
