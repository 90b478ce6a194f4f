package dev.clave.junit.report;

import java.util.List;

/** The pieces of the Markdown summary: escaped table cells, status icons and tables. */
final class Markdown {

    private Markdown() {
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** The icon of a status: passed, warned or failed (also a gate's PASSED, WARNED, BLOCKED). */
    static String icon(String status) {
        return switch (status) {
            case "failed", "BLOCKED" -> "❌";
            case "warned", "WARNED" -> "⚠️";
            default -> "✅";
        };
    }

    /** A table with a header row; every cell escaped; followed by a blank line. */
    static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        row(out, header);
        out.append('|');
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        rows.forEach(r -> row(out, r));
        out.append('\n');
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell(cell)).append(" |");
        }
        out.append('\n');
    }
}
