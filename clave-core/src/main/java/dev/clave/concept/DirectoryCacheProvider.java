package dev.clave.concept;

import org.apiguardian.api.API;

import java.util.function.Function;

/**
 * The {@code directory} store: one small JSON file per entry under {@value CacheSettings#DIRECTORY}, see
 * {@link DirectoryConceptCache}.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DirectoryCacheProvider implements ConceptCacheProvider {

    /** Its name. */
    public static final String NAME = "directory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ConceptCache create(CacheSettings settings, Function<String, String> environment) {
        return new DirectoryConceptCache(settings.directory());
    }
}
