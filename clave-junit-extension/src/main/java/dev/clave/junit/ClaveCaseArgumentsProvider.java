package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.data.ClaveCase;
import dev.clave.data.ClaveCases;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import dev.clave.internal.Printable;
import dev.clave.model.ModelUnderTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The provider behind {@link ClaveCaseSource}. */
final class ClaveCaseArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<ClaveCaseSource> {

    private ClaveCaseSource source;

    /**
     * Where a supplied evaluation came from, kept in the parameterized test's store so that the case's own test can
     * report it.
     *
     * @param model     the model under test that answered
     * @param extractor the evaluator's concept extractor
     * @param tags      the case's tags
     */
    record Origin(String model, String extractor, List<String> tags) {
    }

    /** The origins of the evaluations this provider supplied, by identity. */
    private static final class Origins {
        final Map<Evaluation, Origin> byEvaluation = Collections.synchronizedMap(new IdentityHashMap<>());
    }

    /** Where an evaluation supplied to a case of this test came from, or null when this provider did not supply it. */
    static @Nullable Origin origin(ExtensionContext context, Evaluation evaluation) {
        Origins origins = context.getStore(Resolution.NAMESPACE).get(Origins.class, Origins.class);
        return origins == null ? null : origins.byEvaluation.get(evaluation);
    }

    @Override
    public void accept(ClaveCaseSource annotation) {
        this.source = annotation;
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        List<Class<?>> supplied = new ArrayList<>();
        for (ParameterDeclaration declaration : parameters.getAll().stream()
                .sorted(Comparator.comparingInt(ParameterDeclaration::getParameterIndex)).toList()) {
            Class<?> type = declaration.getParameterType();
            if ((type == ClaveCase.class || type == Evaluation.class) && !supplied.contains(type)) {
                supplied.add(type);
            } else {
                break;
            }
        }
        String element = "@ClaveCaseSource(\"" + source.value() + "\") on " + describe(parameters);
        if (supplied.isEmpty()) {
            throw new ClaveConfigurationException(element + " supplies a ClaveCase and its Evaluation: declare"
                    + " (ClaveCase testCase), (Evaluation evaluation) or (ClaveCase testCase, Evaluation evaluation) as the first"
                    + " parameters.");
        }
        List<ClaveCase> cases = ClaveCases.read(source.value(), Resolution.optionalValueSystem(context).orElse(null),
                Resolution.loader(context)).stream().filter(c -> c.hasAnyTag(List.of(source.tags()))).toList();
        if (cases.isEmpty()) {
            throw new ClaveConfigurationException(element + ": no case has any of the tags " + List.of(source.tags()) + ".");
        }
        List<Evaluation> evaluations = supplied.contains(Evaluation.class) ? evaluate(cases, context, element) : null;
        return IntStream.range(0, cases.size()).mapToObj(i -> {
            Object[] values = supplied.stream().map(type -> type == ClaveCase.class ? cases.get(i) : evaluations.get(i)).toArray();
            // the display name comes from the case file: shown with its control characters escaped
            return Arguments.argumentSet(Printable.escape(cases.get(i).id()), values);
        });
    }

    private static String describe(ParameterDeclarations parameters) {
        if (parameters.getSourceElement() instanceof Method method) {
            return "method " + method.getName() + "(" + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")) + ") in " + Settings.className(method.getDeclaringClass());
        }
        return parameters.getSourceElementDescription();
    }

    private List<Evaluation> evaluate(List<ClaveCase> cases, ExtensionContext context, String element) {
        ModelUnderTest model = Resolution.model(context, source.model(), null, element);
        // the calibrated evaluator itself: each case's own test reports its evaluation (ClaveExtension)
        ClaveEvaluator evaluator = Resolution.shared(context).calibrated();
        List<String> answers = model.askAll(cases.stream().map(ClaveCase::prompt).toList());
        List<TextInput> inputs = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            inputs.add(new TextInput(answers.get(i), cases.get(i).prompt(), cases.get(i).id()));
        }
        List<Evaluation> evaluations = evaluator.evaluateAll(inputs);
        Origins origins = context.getStore(Resolution.NAMESPACE).getOrComputeIfAbsent(Origins.class, k -> new Origins(),
                Origins.class);
        for (int i = 0; i < cases.size(); i++) {
            origins.byEvaluation.put(evaluations.get(i), new Origin(model.id(), evaluator.extractor().id(), cases.get(i).tags()));
        }
        return evaluations;
    }
}
