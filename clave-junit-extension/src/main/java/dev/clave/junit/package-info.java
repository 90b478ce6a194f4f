/**
 * The JUnit Jupiter extension: {@link dev.clave.junit.ClaveTest @ClaveTest} injects a calibrated evaluator, the
 * {@linkplain dev.clave.model.ModelUnderTest model under test} (recorded and replayed answers) and the value system,
 * one small resolver per type; {@link dev.clave.junit.ClaveCaseSource @ClaveCaseSource} runs a parameterized test per
 * case of a case file; {@link dev.clave.junit.ValueGate} judges all cases of a class against a
 * {@link dev.clave.gate.GatePolicy}. What the tests evaluate, assert and gate reaches the reporters through
 * {@link dev.clave.event.ClaveEvents}.
 */
package dev.clave.junit;
