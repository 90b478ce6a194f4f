package dev.clave.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One run of the command line inside the test's JVM: its exit code, what it printed to its output, and what it
 * printed to its error stream and to {@code System.err} (where log lines go), with the large-model commands reading
 * their keys from the given environment instead of the process's.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Function<String, String> environment, String... args) {
        // System.err is replaced before the command line is built: picocli's execution strategy compares against it.
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            CommandLine cli = ClaveCli.commandLine();
            for (CommandLine sub : cli.getSubcommands().values()) {
                Object command = sub.getCommand();
                if (command instanceof CalibrateCommand c) {
                    c.extractorOptions.environment = environment;
                } else if (command instanceof EvaluateCommand e) {
                    e.extractorOptions.environment = environment;
                } else if (command instanceof BenchCommand b) {
                    b.extractorOptions.environment = environment;
                }
            }
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            code = cli.execute(args);
        } finally {
            System.setErr(original);
        }
        return new CliRun(code, out.toString(), err + systemErr.toString(StandardCharsets.UTF_8));
    }
}
