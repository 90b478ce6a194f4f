/** Sentence encoders that turn concepts into vectors in-process (LangChain4j ONNX models), with a shared cache. */
package dev.clave.embedding;
