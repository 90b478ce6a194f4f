package dev.clave.embedding;

import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class ConceptEmbedderTest {

    /** A vector store in a map, as a concept cache keeps one. */
    static final class MapStore implements VectorStore {
        final Map<String, float[]> vectors = new ConcurrentHashMap<>();

        @Override
        public Map<String, float[]> get(String encoderId, Collection<String> concepts) {
            Map<String, float[]> found = new LinkedHashMap<>();
            concepts.forEach(c -> {
                float[] v = vectors.get(encoderId + "|" + c);
                if (v != null) {
                    found.put(c, v);
                }
            });
            return found;
        }

        @Override
        public void put(String encoderId, Map<String, float[]> more) {
            more.forEach((c, v) -> vectors.put(encoderId + "|" + c, v));
        }
    }

    @Test
    void a_new_embedder_backed_by_a_store_reads_the_stored_vectors_instead_of_encoding() {
        MapStore store = new MapStore();
        List<String> concepts = List.of("helps a stranger", "mocks a child", "the train leaves at nine");
        HashEmbeddingModel first = new HashEmbeddingModel(8);
        float[][] encoded = new ConceptEmbedder("hash", first, 100).backedBy(store).embed(concepts);
        assertThat(first.encoded()).isEqualTo(3);
        assertThat(store.vectors).containsOnlyKeys("hash|helps a stranger", "hash|mocks a child", "hash|the train leaves at nine");

        // as in a new JVM: an empty memory and a model that was never used
        HashEmbeddingModel second = new HashEmbeddingModel(8);
        float[][] served = new ConceptEmbedder("hash", second, 100).backedBy(store)
                .embed(List.of("mocks a child", "helps a stranger", "a new concept"));
        assertThat(second.encoded()).as("only the concept the store lacks is encoded").isEqualTo(1);
        assertThat(served[0]).containsExactly(encoded[1]);
        assertThat(served[1]).containsExactly(encoded[0]);
        assertThat(store.vectors).containsKey("hash|a new concept");
    }

    @Test
    void vectors_of_another_encoder_are_not_served() {
        MapStore store = new MapStore();
        new ConceptEmbedder("one", new HashEmbeddingModel(8), 100).backedBy(store).embed(List.of("a concept"));
        HashEmbeddingModel other = new HashEmbeddingModel(8);
        new ConceptEmbedder("two", other, 100).backedBy(store).embed(List.of("a concept"));
        assertThat(other.encoded()).isEqualTo(1);
    }

    @Test
    void a_view_backed_by_a_store_shares_the_memory_of_its_embedder() {
        HashEmbeddingModel model = new HashEmbeddingModel(4);
        ConceptEmbedder embedder = new ConceptEmbedder("hash", model, 100);
        embedder.embed(List.of("remembered"));
        ConceptEmbedder view = embedder.backedBy(new MapStore());
        view.embed(List.of("remembered"));
        assertThat(model.encoded()).isEqualTo(1);
        assertThat(view.remembered()).isEqualTo(1);
        assertThat(embedder.store()).isSameAs(VectorStore.NONE);
    }
}
