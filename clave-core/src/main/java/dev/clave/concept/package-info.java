/**
 * Value concepts: the {@link dev.clave.concept.ConceptExtractor} interface, the offline sentence extractor, and the
 * concept cache with its keys, modes and stores, chosen by configuration through
 * {@link dev.clave.concept.ConceptCacheProvider}.
 */
package dev.clave.concept;
