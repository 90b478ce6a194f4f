/** Benchmarks of Clave itself: the encoder against ONNX Runtime, and the large model's economy behind the cache. */
package dev.clave.benchmarks;
