/**
 * The large model of the CLAVE method, through LangChain4j: {@link dev.clave.llm.LlmConceptExtractor} extracts value
 * concepts (one request per text and value system, retried, repaired, counted and cached by the caller), and
 * {@link dev.clave.llm.DirectJudgeEvaluator} is the usual prompt-based judge to compare CLAVE against. Providers:
 * OpenAI-compatible servers, Ollama and Anthropic, chosen by {@link dev.clave.concept.ExtractorSettings}; API keys come
 * from the environment only and are masked in every message.
 *
 * @since 0.1
 */
package dev.clave.llm;
