/**
 * Clave: tests for the values of LLM output. The root package holds the exception hierarchy; the parts of
 * the CLAVE method live in the sub-packages {@code value}, {@code data}, {@code concept}, {@code embedding},
 * {@code recognizer}, {@code calibration}, {@code evaluation} and {@code stats}.
 */
package dev.clave;
