package dev.clave.embedding;

import org.apiguardian.api.API;

import java.util.Collection;
import java.util.Map;

/**
 * Where a {@link ConceptEmbedder} keeps concept vectors beyond its memory, so that a new JVM does not encode a concept
 * again: a concept's vector depends only on the encoder and the concept's text. Clave's concept cache stores are
 * vector stores too (see {@code ConceptCache#vectors}), so a warm cache serves both a text's concepts and their
 * vectors. Implementations are thread-safe; a store that cannot serve a vector returns none, and the embedder encodes
 * it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface VectorStore {

    /** Keeps nothing. */
    VectorStore NONE = new VectorStore() {
        @Override
        public Map<String, float[]> get(String encoderId, Collection<String> concepts) {
            return Map.of();
        }

        @Override
        public void put(String encoderId, Map<String, float[]> vectors) {
        }

        @Override
        public String toString() {
            return "no vector store";
        }
    };

    /**
     * The stored vectors of some concepts.
     *
     * @param encoderId the encoder's id ({@link ConceptEmbedder#id()})
     * @param concepts  concept texts
     * @return the vectors found, by concept text (a subset of {@code concepts})
     */
    Map<String, float[]> get(String encoderId, Collection<String> concepts);

    /** Stores vectors of concepts that the encoder of that id made. */
    void put(String encoderId, Map<String, float[]> vectors);
}
