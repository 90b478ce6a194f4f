/**
 * The wiring of Clave's parts from configuration: {@link dev.clave.setup.ClaveSetup} turns settings into the concept
 * extractor behind its cache store, the calibrator and the calibrated evaluator, for the command line and the JUnit
 * extension alike; {@link dev.clave.setup.ConceptExtractors} turns an extractor name into an extractor.
 */
package dev.clave.setup;
