package dev.clave.cli;

import dev.clave.internal.Printable;
import dev.clave.value.Value;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "value-systems", mixinStandardHelpOptions = true,
        description = "List the built-in value systems, or show the values of one (built-in id or JSON file).")
final class ValueSystemsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "A value system to show.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ValueSystem> systems = id == null ? ValueSystems.builtIns() : List.of(ValueSystems.resolve(id));
        for (ValueSystem system : systems) {
            out.printf("%s (version %s): %s%n", system.id(), Printable.escape(system.version()), Printable.escape(system.name()));
            if (id != null) {
                for (Value value : system.values()) {
                    out.printf("  %-20s %s%n", value.id(), Printable.escape(value.definition()));
                }
            } else {
                out.printf("  values: %s%n", String.join(", ", system.valueIds()));
            }
        }
        out.flush();
        return 0;
    }
}
