package dev.clave.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test encoder: each text's vector is a unit vector drawn from a generator seeded with the text's words, so that texts
 * sharing words are similar; it counts the texts it encoded.
 */
public final class HashEmbeddingModel implements EmbeddingModel {

    private final int dimension;
    private final AtomicInteger encoded = new AtomicInteger();

    public HashEmbeddingModel(int dimension) {
        this.dimension = dimension;
    }

    /** How many texts it encoded. */
    public int encoded() {
        return encoded.get();
    }

    public float[] vector(String text) {
        float[] v = new float[dimension];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
            if (word.isEmpty()) {
                continue;
            }
            Random random = new Random(word.hashCode());
            for (int j = 0; j < dimension; j++) {
                v[j] += (float) random.nextGaussian();
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int j = 0; j < dimension; j++) {
            v[j] = norm == 0 ? 0 : (float) (v[j] / Math.sqrt(norm));
        }
        return v;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment segment : segments) {
            encoded.incrementAndGet();
            out.add(Embedding.from(vector(segment.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }
}
