/**
 * Probes of the model under test: instead of asking which values an answer expresses, they ask whether the model
 * itself understands values and chooses the responsible answer. {@link dev.clave.probe.ValueUnderstandingProbe} is
 * VUM's know-what (the model labels texts against a value) and know-why (it explains the human label; a judge scores
 * the explanation), and their discriminator-critique gap; {@link dev.clave.probe.MultiChoiceProbe} is CValues'
 * multiple choice between a safe and an unsafe reply, asked in both orders, with the model's own open-ended replies
 * evaluated by CLAVE next to it. Probes compute; they never publish events.
 */
package dev.clave.probe;
