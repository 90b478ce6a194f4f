package dev.clave.junit;

import dev.clave.ClaveConfigurationException;
import dev.clave.internal.Printable;
import dev.clave.data.TextInput;
import dev.clave.evaluation.ClaveEvaluator;
import dev.clave.evaluation.Evaluation;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The provider behind {@link ClaveCaseSource}. */
final class ClaveCaseArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<ClaveCaseSource> {

    private ClaveCaseSource source;

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
        ClaveEvaluator evaluator = Resolution.evaluator(context);
        List<String> answers = model.askAll(cases.stream().map(ClaveCase::prompt).toList());
        List<TextInput> inputs = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            inputs.add(new TextInput(answers.get(i), cases.get(i).prompt(), cases.get(i).id()));
        }
        return evaluator.evaluateAll(inputs);
    }
}
