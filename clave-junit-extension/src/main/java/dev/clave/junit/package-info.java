/**
 * The JUnit Jupiter extension: {@link dev.clave.junit.ClaveTest @ClaveTest} injects a calibrated evaluator, the
 * {@link dev.clave.junit.ModelUnderTest model under test} (recorded and replayed answers) and the value system;
 * {@link dev.clave.junit.ClaveCaseSource @ClaveCaseSource} runs a parameterized test per case of a case file;
 * {@link dev.clave.junit.ValueGate} judges all cases of a class against a {@link dev.clave.gate.GatePolicy}.
 */
package dev.clave.junit;
