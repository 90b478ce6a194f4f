/**
 * Agreement statistics between human labels and the evaluator: confusion matrices, accuracy, macro-F1, Cohen's kappa.
 */
package dev.clave.stats;
