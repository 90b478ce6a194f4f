/**
 * The listener SPI through which reporters (the Allure reporter, the CI summary, your own) observe what Clave did in
 * a run: a calibration made ready, an evaluation made in a test, a value gate checked, a regression report and an
 * assertion checked, a probe of a model run (value understanding, multiple choice) and an assertion on its result
 * checked, a value profile built, a map of profiles made, a drift between two profiles checked.
 * {@link dev.clave.event.ClaveListener} has one default no-op method per event; each event is an immutable
 * record; listeners are found through {@link java.util.ServiceLoader} and called by
 * {@link dev.clave.event.ClaveEvents}, which logs and ignores a listener that fails, so that reporting never fails a
 * test. Core computes; only the layers that run tests (setup, the JUnit extension, the assertions) and the command
 * line publish.
 */
package dev.clave.event;
