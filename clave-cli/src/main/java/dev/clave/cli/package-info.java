/**
 * The {@code clave} command line: calibrate, evaluate, split, benchmark, probe a model, list value systems, build and
 * compare value profiles.
 */
package dev.clave.cli;
