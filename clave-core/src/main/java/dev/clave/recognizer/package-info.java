/**
 * The small model of the CLAVE method: the head trained with DJL over concept embeddings, the rules that choose and
 * aggregate concepts, and {@link dev.clave.recognizer.ValueRecognizer#score}, the one text-scoring path that
 * cross-validation and evaluation share.
 */
package dev.clave.recognizer;
