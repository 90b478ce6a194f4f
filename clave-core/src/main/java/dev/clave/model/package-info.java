/**
 * The model under test: its answers to prompts, recorded and replayed ({@link dev.clave.model.RecordedAnswers}) so that
 * suites run offline and deterministically, or called live through {@link dev.clave.llm.LargeModels} or your own
 * LangChain4j chat model.
 */
package dev.clave.model;
