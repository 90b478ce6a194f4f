package dev.clave.junit;

import dev.clave.evaluation.ClaveEvaluator;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/**
 * Injects the calibrated {@link ClaveEvaluator} of the configuration: calibrated (or loaded) once per run and shared
 * by every test; its evaluations reach the listeners with the test that made them.
 */
final class EvaluatorParameterResolver extends TypeBasedParameterResolver<ClaveEvaluator> {

    @Override
    public ClaveEvaluator resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return Resolution.evaluator(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(ClaveExtension.prefix(parameterContext) + e.getMessage(), e);
        }
    }
}
