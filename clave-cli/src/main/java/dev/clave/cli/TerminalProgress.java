package dev.clave.cli;

import dev.clave.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws progress on the terminal (stderr): one updating line per phase when stderr is a console, otherwise a
 * line at the start and end of each phase and every 10 %, so that CI logs stay short.
 */
final class TerminalProgress implements Progress {

    private final PrintStream out;
    private final boolean console;
    private final long started = System.nanoTime();
    private String phase;
    private int lastDecile = -1;

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
        }
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        String line = String.format(Locale.ROOT, "[%6.1fs] %-48s %s %3d%% (%d/%d)", (System.nanoTime() - started) / 1e9,
                newPhase, bar(percent), percent, done, total);
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
