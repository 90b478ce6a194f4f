/**
 * Reports of a run for a QA team, built on the listener seam ({@link dev.clave.event.ClaveListener}): the CI summary
 * ({@code target/clave/summary.md} and {@code summary.json}, with a chart per value system), written at the end of every
 * run by {@link dev.clave.junit.report.ClaveRunListener}, and the Allure reporter
 * ({@link dev.clave.junit.report.AllureReporter}), which labels, names and annotates each test in the Allure results
 * and adds gates and a summary per value system as entries of their own. The Allure reporter does nothing when Allure
 * is not on the test class path.
 */
package dev.clave.junit.report;
