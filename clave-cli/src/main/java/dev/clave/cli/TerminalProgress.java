package dev.clave.cli;

import dev.clave.Progress;
import dev.clave.internal.Printable;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws progress on the terminal (stderr): one updating line per phase when stderr is a console, otherwise a
 * line at the start and end of each phase and every 10 %, so that CI logs stay short. A phase of unknown size
 * ({@link Progress#UNKNOWN}, e.g. texts from a pipe) shows the count without a bar.
 */
final class TerminalProgress implements Progress {

    private final PrintStream out;
    private final boolean console;
    private final long started = System.nanoTime();
    private String phase;
    private int lastDecile = -1;
    private long lastCount;

    TerminalProgress(PrintStream out, boolean quiet) {
        this.out = quiet ? null : out;
        this.console = System.console() != null;
    }

    @Override
    public synchronized void update(String newPhase, long done, long total) {
        if (out == null) {
            return;
        }
        if (!newPhase.equals(phase)) {
            if (phase != null && console) {
                out.println();
            }
            phase = newPhase;
            lastDecile = -1;
            lastCount = 0;
        }
        String elapsed = String.format(Locale.ROOT, "[%6.1fs] %-48s ", (System.nanoTime() - started) / 1e9,
                Printable.escape(newPhase));
        if (total < 0) {
            // size unknown (a pipe): the count so far, on a console each time, in a log at 1, 2, 4, 8... thousand
            String line = elapsed + done;
            if (console) {
                out.print("\r" + line);
                out.flush();
            } else if (done >= Math.max(1000, 2 * lastCount)) {
                lastCount = done;
                out.println(line);
            }
            return;
        }
        int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        String line = elapsed + String.format(Locale.ROOT, "%s %3d%% (%d/%d)", bar(percent), percent, done, total);
        if (console) {
            out.print("\r" + line);
            if (done >= total) {
                out.println();
                phase = null;
            }
            out.flush();
        } else if (percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            out.println(line);
        }
    }

    private static String bar(int percent) {
        int filled = percent / 5;
        return "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "]";
    }
}
