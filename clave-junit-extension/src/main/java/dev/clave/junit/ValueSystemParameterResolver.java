package dev.clave.junit;

import dev.clave.value.ValueSystem;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/** Injects the configured {@link ValueSystem}. */
final class ValueSystemParameterResolver extends TypeBasedParameterResolver<ValueSystem> {

    @Override
    public ValueSystem resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return Resolution.valueSystem(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(ClaveExtension.prefix(parameterContext) + e.getMessage(), e);
        }
    }
}
