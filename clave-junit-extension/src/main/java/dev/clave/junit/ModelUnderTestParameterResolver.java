package dev.clave.junit;

import dev.clave.model.ModelUnderTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;

/** Injects the {@link ModelUnderTest} of the class, or of {@link Model @Model} on the parameter. */
final class ModelUnderTestParameterResolver extends TypeBasedParameterResolver<ModelUnderTest> {

    @Override
    public ModelUnderTest resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            Model model = parameterContext.findAnnotation(Model.class).orElse(null);
            return Resolution.model(extensionContext, model == null ? null : model.value(),
                    model == null ? null : model.answers(),
                    "@Model on parameter [" + ClaveExtension.describe(parameterContext.getParameter()) + "]");
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(ClaveExtension.prefix(parameterContext) + e.getMessage(), e);
        }
    }
}
