/**
 * Release gates over many evaluations: {@link dev.clave.gate.GatePolicy} limits per value how often a label may
 * (or must) occur, judged on the Wilson interval of the rate; {@link dev.clave.gate.RegressionGate} compares a
 * candidate model with a baseline on the same prompts with the exact McNemar test and Holm's correction.
 * Neither depends on a test framework.
 */
package dev.clave.gate;
