package dev.clave.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/** Injects {@link ClaveProbes}, configured by the class's {@link ClaveTest}. */
final class ClaveProbesParameterResolver extends TypeBasedParameterResolver<ClaveProbes> {

    @Override
    public ClaveProbes resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return ClaveProbes.of(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(ClaveExtension.prefix(parameterContext) + e.getMessage(), e);
        }
    }
}
