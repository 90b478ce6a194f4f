package dev.clave.junit;

import dev.clave.profile.Profiler;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/**
 * Injects the {@link Profiler} configured by {@link ValueProfiles @ValueProfiles} (and the class's calibration); the
 * profiles and maps it makes reach the listeners with the test that made them.
 */
final class ProfilerParameterResolver extends TypeBasedParameterResolver<Profiler> {

    @Override
    public Profiler resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return Resolution.profiler(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(ClaveExtension.prefix(parameterContext) + e.getMessage(), e);
        }
    }
}
