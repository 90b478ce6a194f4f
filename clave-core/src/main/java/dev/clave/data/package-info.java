/**
 * Clave's JSONL formats, read strictly and streaming (a bad line fails with file and line): labelled samples, texts to
 * evaluate, and case files of prompts with expected labels.
 */
package dev.clave.data;
