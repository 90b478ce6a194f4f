/** The {@code clave} command line: calibrate, evaluate, split, benchmark, and list value systems. */
package dev.clave.cli;
