/**
 * Statistics for judging evaluators and models: agreement with human labels (confusion matrices, accuracy,
 * macro-F1, Cohen's kappa), Wilson intervals of label rates, the exact McNemar test of paired outcomes and Holm's
 * correction across values. Distributions and exact tests come from Apache Commons Statistics.
 */
package dev.clave.stats;
