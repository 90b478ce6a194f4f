package dev.clave.concept;

import dev.clave.ClaveConfigurationException;
import dev.clave.UnknownNameException;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the concept cache store that configuration names, among the {@link ConceptCacheProvider}s registered through
 * {@link ServiceLoader}, and wraps an extractor in it: the one place where a cache is chosen.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConceptCaches {

    private ConceptCaches() {
    }

    private static final class Registered {
        static final Map<String, ConceptCacheProvider> PROVIDERS = load();

        private static Map<String, ConceptCacheProvider> load() {
            Map<String, ConceptCacheProvider> found = new LinkedHashMap<>();
            for (ClassLoader loader : loaders()) {
                try {
                    for (ConceptCacheProvider provider : ServiceLoader.load(ConceptCacheProvider.class, loader)) {
                        found.putIfAbsent(provider.name(), provider);
                    }
                } catch (ServiceConfigurationError e) {
                    throw new ClaveConfigurationException("A concept cache store could not be loaded: " + e.getMessage()
                            + ". Check the class named in META-INF/services/" + ConceptCacheProvider.class.getName()
                            + " and that its dependencies are on the class path.", e);
                }
            }
            return Map.copyOf(found);
        }

        private static List<ClassLoader> loaders() {
            List<ClassLoader> loaders = new ArrayList<>();
            loaders.add(ConceptCaches.class.getClassLoader());
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != loaders.get(0)) {
                loaders.add(context);
            }
            return loaders;
        }
    }

    /** The names of the stores on the class path, sorted. */
    public static List<String> names() {
        return Registered.PROVIDERS.keySet().stream().sorted().toList();
    }

    /**
     * The provider of a store.
     *
     * @throws UnknownNameException listing the known stores
     */
    public static ConceptCacheProvider provider(String name) {
        ConceptCacheProvider provider = Registered.PROVIDERS.get(name);
        if (provider == null) {
            throw new UnknownNameException("concept cache store", name, names(),
                    " (a store is added by a ConceptCacheProvider listed in META-INF/services/"
                            + ConceptCacheProvider.class.getName() + ")");
        }
        return provider;
    }

    /** The store the settings name, reading secrets from the process environment. */
    public static ConceptCache create(CacheSettings settings) {
        return create(settings, System::getenv);
    }

    /** The store the settings name, reading secrets through {@code environment}. */
    public static ConceptCache create(CacheSettings settings, Function<String, String> environment) {
        return provider(settings.store()).create(settings, environment);
    }

    /** The extractor behind the store the settings name, used in their mode. */
    public static CachingConceptExtractor cached(ConceptExtractor extractor, CacheSettings settings,
                                                 Function<String, String> environment) {
        return new CachingConceptExtractor(extractor, create(settings, environment), settings.mode());
    }
}
