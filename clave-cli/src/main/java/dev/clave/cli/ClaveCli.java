package dev.clave.cli;

import dev.clave.ClaveConfigurationException;
import dev.clave.ClaveException;
import dev.clave.ClaveInputException;
import dev.clave.internal.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The {@code clave} command line: calibrate an evaluator, evaluate texts, split labelled data, benchmark the evaluator
 * against baselines, probe a model, and build and compare value profiles of models and languages.
 *
 * <p>Exit codes: 0 success, 2 bad usage or configuration (the message says what to fix), 3 bad input data (the
 * message names file and line), 1 anything else. No user input or configuration produces a stack trace.
 */
@Command(name = "clave", mixinStandardHelpOptions = true, versionProvider = ClaveCli.Version.class,
        description = "Test the values of LLM output with calibrated CLAVE evaluators.",
        subcommands = {CalibrateCommand.class, EvaluateCommand.class, BenchCommand.class, SplitCommand.class,
                ProbeCommand.class, ProfileCommand.class, CompareProfilesCommand.class,
                ValueSystemsCommand.class, CommandLine.HelpCommand.class})
public final class ClaveCli {

    /** Exit code for a failure that is neither bad usage, nor configuration, nor input data. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage or configuration. */
    public static final int EXIT_CONFIGURATION = 2;
    /** Exit code for bad input data. */
    public static final int EXIT_INPUT = 3;

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            // an application may decide this for its JVM: DJL must never try to download anything
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClaveCli());
        cli.setExecutionExceptionHandler(ClaveCli::handle);
        cli.setParameterExceptionHandler(ClaveCli::handleUsage);
        return cli;
    }

    /**
     * A failure of a command: one line that says what is wrong and what to do, with the exit code of its kind. Only a
     * failure that no user input or configuration explains (a bug) also prints its stack trace. Every message goes
     * through {@link Printable}, so control characters from data or arguments are shown escaped, never sent raw.
     */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        try {
            if (e instanceof ClaveException) {
                err.println("clave: " + Printable.escapeKeepingLines(e.getMessage()));
                if (e instanceof ClaveInputException) {
                    return EXIT_INPUT;
                }
                return e instanceof ClaveConfigurationException ? EXIT_CONFIGURATION : EXIT_FAILURE;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("clave: " + Printable.escapeKeepingLines(e.getMessage()));
                return EXIT_CONFIGURATION;
            }
            if (e instanceof UncheckedIOException || e instanceof IOException) {
                // the machine, not Clave: a full disk, a vanished network drive
                Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
                err.println("clave: " + Printable.escape(e.getMessage() == null ? "input/output error" : e.getMessage())
                        + (cause != e && cause != null && cause.getMessage() != null && !e.getMessage().contains(cause.getMessage())
                        ? ": " + Printable.escape(cause.getMessage()) : ""));
                return EXIT_FAILURE;
            }
            err.println("clave: unexpected failure (a bug in Clave; please report it with what follows): "
                    + Printable.escape(e.toString()));
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Printable.escapeKeepingLines(trace.toString()));
            return EXIT_FAILURE;
        } finally {
            err.flush();
        }
    }

    /** Bad usage (an unknown option, a missing one, a value of the wrong type): what is wrong, then the usage help. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("clave: " + Printable.escapeKeepingLines(e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cli.usage(err);
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ClaveCli.class.getPackage().getImplementationVersion();
            return new String[] {"clave " + (version == null ? "development build" : version)};
        }
    }
}
