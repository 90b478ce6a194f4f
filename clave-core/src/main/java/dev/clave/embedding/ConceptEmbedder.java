package dev.clave.embedding;

import dev.clave.ClaveInputException;
import dev.clave.internal.Printable;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import static dev.clave.internal.Preconditions.notNull;
import static dev.clave.internal.Preconditions.positive;

/**
 * Turns concept texts into vectors with a frozen {@link EmbeddingModel}, and remembers them: each distinct
 * concept is encoded once per embedder, however many texts or values it appears in. The memory is bounded
 * (least recently used entries go first). Backed by a {@link VectorStore} ({@link #backedBy}), it looks there before
 * encoding and keeps there what it encoded, so that a concept is encoded once, ever, for each encoder. The model is
 * loaded at the first concept it must encode: with every vector stored it is never loaded.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConceptEmbedder {

    /** The default number of remembered concept vectors (about 60 MiB at 384 dimensions). */
    public static final int DEFAULT_CAPACITY = 40_000;
    private static final int BATCH = 64;

    private static final Map<Encoder, ConceptEmbedder> SHARED = new java.util.EnumMap<>(Encoder.class);

    private final String id;
    private final Supplier<EmbeddingModel> model;
    private final Map<String, float[]> memory;
    private final VectorStore store;

    /** An embedder over one of the built-in encoders (loaded when first needed). */
    public ConceptEmbedder(Encoder encoder) {
        this(encoder.id(), encoder::model, newMemory(DEFAULT_CAPACITY), VectorStore.NONE);
    }

    /**
     * An embedder over any LangChain4j embedding model.
     *
     * @param id       identifies the model in artifacts; must change when the model changes
     * @param model    the model
     * @param capacity how many vectors to remember
     */
    public ConceptEmbedder(String id, EmbeddingModel model, int capacity) {
        this(notNull(id, "id"), () -> model, newMemory(positive(capacity, "capacity")), VectorStore.NONE);
        notNull(model, "model");
    }

    private ConceptEmbedder(String id, Supplier<EmbeddingModel> model, Map<String, float[]> memory, VectorStore store) {
        this.id = id;
        this.model = model;
        this.memory = memory;
        this.store = store;
    }

    private static Map<String, float[]> newMemory(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        });
    }

    /**
     * This embedder (same model, same memory) backed by a vector store: concepts not in memory are looked up there
     * before they are encoded, and what is encoded is stored there (a vector already in memory, e.g. encoded for another
     * store of the same JVM, is not written again).
     */
    public ConceptEmbedder backedBy(VectorStore vectors) {
        notNull(vectors, "vectors");
        return vectors == store ? this : new ConceptEmbedder(id, model, memory, vectors);
    }

    /** The vector store behind the memory ({@link VectorStore#NONE} unless {@link #backedBy} gave one). */
    public VectorStore store() {
        return store;
    }

    /** The JVM-wide embedder of a built-in encoder, so that all evaluators share its memory. */
    public static ConceptEmbedder shared(Encoder encoder) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(encoder, ConceptEmbedder::new);
        }
    }

    /** The encoder id. */
    public String id() {
        return id;
    }

    /** The vector length, as the model reports it (this loads the model). */
    public int dimension() {
        return model.get().dimension();
    }

    /** Vectors for the texts, in order. */
    public float[][] embed(List<String> texts) {
        return embed(texts, done -> { });
    }

    /**
     * Vectors for the texts, in order; {@code progress} receives the number of texts done so far, a batch at a time.
     */
    public float[][] embed(List<String> texts, LongConsumer progress) {
        Map<String, float[]> found = new HashMap<>();
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String text : texts) {
            float[] vector = memory.get(text);
            if (vector != null) {
                found.put(text, vector);
            } else {
                missing.add(text);
            }
        }
        if (!missing.isEmpty() && store != VectorStore.NONE) {
            Map<String, float[]> stored = store.get(id, missing);
            for (Map.Entry<String, float[]> hit : stored.entrySet()) {
                if (missing.remove(hit.getKey()) && hit.getValue() != null) {
                    memory.put(hit.getKey(), hit.getValue());
                    found.put(hit.getKey(), hit.getValue());
                }
            }
        }
        long done = texts.size() - missing.size();
        progress.accept(done);
        List<String> todo = new ArrayList<>(missing);
        for (int from = 0; from < todo.size(); from += BATCH) {
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
            List<Embedding> embeddings = embedAll(batch);
            Map<String, float[]> encoded = new LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                float[] vector = embeddings.get(i).vector();
                memory.put(batch.get(i), vector);
                found.put(batch.get(i), vector);
                encoded.put(batch.get(i), vector);
            }
            if (store != VectorStore.NONE) {
                store.put(id, encoded);
            }
            done += batch.size();
            progress.accept(done);
        }
        float[][] result = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            result[i] = found.get(texts.get(i));
        }
        return result;
    }

    private List<Embedding> embedAll(List<String> batch) {
        try {
            return model.get().embedAll(batch.stream().map(TextSegment::from).toList()).content();
        } catch (IllegalArgumentException e) {
            // an encoder rejects a text it finds no token in; name that text instead of failing the whole batch blindly
            for (String text : batch) {
                try {
                    model.get().embed(text);
                } catch (IllegalArgumentException rejected) {
                    throw new ClaveInputException("The encoder " + id + " cannot embed the concept \"" + Printable.escape(text)
                            + "\": " + rejected.getMessage() + ". Its text has no characters the encoder reads.", rejected);
                }
            }
            throw e;
        }
    }

    /** The number of vectors remembered now. */
    public int remembered() {
        return memory.size();
    }
}
