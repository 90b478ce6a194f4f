package dev.clave.junit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Clave's configuration for a test: each setting from the nearest {@link ClaveTest} that sets it, then the
 * JUnit configuration parameter (system properties, {@code junit-platform.properties}), then the environment.
 * Every value remembers where it came from, so that an error names the place to fix.
 */
final class Settings {

    /** One configured value and where it was set. */
    record Setting(String value, String origin) {
    }

    /** A {@link ClaveTest} and the class it is on. */
    record Found(ClaveTest annotation, Class<?> on) {
    }

    private final List<Found> annotations;
    private final Function<String, Optional<String>> parameters;
    private final Function<String, String> environment;
    private final String subject;

    Settings(List<Found> annotations, Function<String, Optional<String>> parameters, Function<String, String> environment,
             String subject) {
        this.annotations = List.copyOf(annotations);
        this.parameters = parameters;
        this.environment = environment;
        this.subject = subject;
    }

    /** The settings that apply in a context: its annotations nearest first, its configuration parameters, the environment. */
    static Settings of(ExtensionContext context) {
        List<Found> found = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<AnnotatedElement> element = c.getElement();
            if (element.isPresent() && element.get() instanceof Class<?> type) {
                AnnotationSupport.findAnnotation(type, ClaveTest.class).ifPresent(a -> {
                    if (found.stream().noneMatch(f -> f.annotation() == a)) {
                        found.add(new Found(a, type));
                    }
                });
            }
        }
        String subject = context.getTestClass().map(Settings::className).orElse(context.getDisplayName());
        return new Settings(found, context::getConfigurationParameter, System::getenv, subject);
    }

    /** The test class the settings are read for, for messages. */
    String subject() {
        return subject;
    }

    /** A string setting: the attribute of the nearest annotation that sets it, the parameter, the environment. */
    Optional<Setting> get(String attribute, Function<ClaveTest, String> reader, String property) {
        for (Found found : annotations) {
            String value = reader.apply(found.annotation());
            if (value != null && !value.isBlank()) {
                return Optional.of(new Setting(value.strip(), "@ClaveTest(" + attribute + " = \"" + value.strip() + "\") on "
                        + className(found.on())));
            }
        }
        return fromParameterOrEnvironment(property);
    }

    /** An enum setting whose {@code DEFAULT} constant means "not set here". */
    <E extends Enum<E>> Optional<Setting> getEnum(String attribute, Function<ClaveTest, E> reader, String property,
                                                  Function<E, String> wire) {
        for (Found found : annotations) {
            E value = reader.apply(found.annotation());
            if (value != null && !"DEFAULT".equals(value.name())) {
                return Optional.of(new Setting(wire.apply(value), "@ClaveTest(" + attribute + " = " + value.getDeclaringClass()
                        .getSimpleName() + "." + value.name() + ") on " + className(found.on())));
            }
        }
        return fromParameterOrEnvironment(property);
    }

    /** A setting that only configuration parameters and the environment give. */
    Optional<Setting> fromParameterOrEnvironment(String property) {
        Optional<String> parameter = parameters.apply(property).filter(v -> !v.isBlank());
        if (parameter.isPresent()) {
            return Optional.of(new Setting(parameter.get().strip(), "configuration parameter " + property));
        }
        String variable = environmentVariable(property);
        String value = environment.apply(variable);
        if (value != null && !value.isBlank()) {
            return Optional.of(new Setting(value.strip(), "environment variable " + variable));
        }
        return Optional.empty();
    }

    /** The raw lookup used by {@link dev.clave.concept.ExtractorSettings#fromProperties}: parameter, then environment. */
    @Nullable String lookup(String property) {
        return fromParameterOrEnvironment(property).map(Setting::value).orElse(null);
    }

    /** {@code clave.model.answer-mode} becomes {@code CLAVE_MODEL_ANSWER_MODE}. */
    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The class name without its package: {@code Outer$Inner}. */
    static String className(Class<?> type) {
        String name = type.getName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
