package dev.clave.concept;

import org.apiguardian.api.API;

import java.util.List;

import static dev.clave.internal.Preconditions.notNull;

/**
 * One whole entry of a {@link ConceptCache}: its key, what it is about and its concepts. What stores hand over
 * when their entries are listed, e.g. to move a cache between a directory and a database.
 *
 * @param key      the entry's key
 * @param context  the text and scenario the concepts were extracted from
 * @param concepts the concepts
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoredConcepts(CacheKey key, ConceptCache.CacheEntryContext context, List<Concept> concepts) {

    public StoredConcepts {
        notNull(key, "key");
        notNull(context, "context");
        concepts = List.copyOf(notNull(concepts, "concepts"));
    }
}
