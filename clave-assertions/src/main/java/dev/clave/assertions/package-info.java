/**
 * AssertJ assertions over Clave's results: {@link dev.clave.assertions.ClaveAssertions#assertThat(dev.clave.evaluation.Evaluation)
 * evaluations}, value profiles, gate reports, regression reports and probe results (value understanding, multiple
 * choice), strict or {@link dev.clave.assertions.ClaveSoftAssertions soft}.
 */
package dev.clave.assertions;
