package dev.clave.benchmarks;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveInputException;
import dev.clave.internal.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Benchmarks of Clave itself, kept out of the {@code clave} command: {@code encoder} (Clave's encoder path against ONNX
 * Runtime on the same model file) and {@code llm} (what the large model costs: CLAVE's extraction behind its cache
 * against the direct judge, on a simulated or a real OpenAI-compatible server). Run with {@code ./clave-bench}.
 *
 * <p>Exit codes as the {@code clave} command: 0 success, 1 an unexpected failure, 2 bad usage or configuration, 3 bad
 * input data.
 */
@Command(name = "clave-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of Clave itself: the encoder, and the large model's economy.",
        subcommands = {EncoderBenchmark.class, LargeModelBenchmark.class, CommandLine.HelpCommand.class})
public final class ClaveBenchmarks {

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClaveBenchmarks());
        cli.setExecutionExceptionHandler(ClaveBenchmarks::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (e instanceof ClaveException || e instanceof IllegalArgumentException) {
            err.println("clave-bench: " + Printable.escapeKeepingLines(e.getMessage()));
            err.flush();
            return e instanceof ClaveInputException ? 3 : e instanceof ClaveException && !(e instanceof ClaveConfigurationException) ? 1 : 2;
        }
        err.println("clave-bench: unexpected failure: " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }
}
