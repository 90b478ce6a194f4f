/**
 * Judging texts against a value system: the {@link dev.clave.evaluation.ValueEvaluator} interface, the calibrated
 * {@link dev.clave.evaluation.ClaveEvaluator}, and the immutable results (evaluations, verdicts, evidence, profiles).
 */
package dev.clave.evaluation;
