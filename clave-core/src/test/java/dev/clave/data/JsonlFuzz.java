package dev.clave.data;

import dev.clave.value.ValueSystem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates JSONL inputs, byte by byte, together with what a strict reader must make of them: every record in order
 * when all lines are good, else the records before the first bad line and that line's number. Lines mix every kind of
 * line ending (LF, CRLF, a lone CR), escaped and raw characters, surrogate pairs, invisible characters inside texts,
 * blank lines and a leading byte order mark; bad lines are of the kinds in {@link Bad}. Seeded: the same seed gives the
 * same input.
 */
final class JsonlFuzz {

    /** The record format the input is written in. */
    enum Format { INPUTS, SAMPLES }

    /** Kinds of bad line, each of which the reader must reject. */
    enum Bad {
        TWO_OBJECTS, TRAILING_TEXT, LONE_HIGH_SURROGATE, LONE_LOW_SURROGATE, INVISIBLE_TEXT, INVISIBLE_LINE, INVALID_UTF8,
        RANDOM_BYTES, NOT_AN_OBJECT, DUPLICATE_FIELD, UNKNOWN_FIELD, WRONG_TYPE, MISSING_TEXT, RAW_CONTROL_CHARACTER,
        NO_BREAK_SPACE_BETWEEN_TOKENS, UNKNOWN_LABEL
    }

    /**
     * A generated input.
     *
     * @param bytes         the file
     * @param expected      the records the reader must return, in order (before the first bad line, if any)
     * @param firstBadLine  the 1-based number of the first bad line, or 0 when every line is good
     * @param badKinds      the kinds of the bad lines, in order
     * @param lines         the number of lines
     */
    record Input(byte[] bytes, List<Object> expected, long firstBadLine, List<Bad> badKinds, int lines) {
    }

    private static final String[] WORDS = {"help", "the", "dog", "vet", "now", "Ünïcode", "中文回答", "naïve", "café", "😀",
            "𝔘𝔫𝔦", "quote\"d", "back\\slash", "tab\there", "line\nbreak", "crlf\r\n", "ÿ", "Ω", "€", "a/b", "<html>", "\u2028",
            "\u0007bell", "\u001B[31mred", "x"};
    private static final char[] INVISIBLE = {'\u00A0', '\u200B', '\uFEFF', '\u2007', '\u3000', '\u200D', '\u2060', '\u00AD',
            '\u202F', ' ', '\t'};
    private static final String[] SEPARATORS = {"\n", "\r\n", "\r"};

    private final SplittableRandom random;
    private final Format format;
    private final ValueSystem valueSystem;

    JsonlFuzz(long seed, Format format, ValueSystem valueSystem) {
        this.random = new SplittableRandom(seed);
        this.format = format;
        this.valueSystem = valueSystem;
    }

    Input next() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Object> expected = new ArrayList<>();
        List<Bad> badKinds = new ArrayList<>();
        long firstBad = 0;
        boolean wantBad = random.nextInt(2) == 0;
        int lines = random.nextInt(25);
        if (random.nextInt(8) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String previousSeparator = "";
        int written = 0;
        for (int line = 1; line <= lines; line++) {
            byte[] content;
            int roll = random.nextInt(100);
            if (wantBad && roll < 12) {
                Bad bad = Bad.values()[random.nextInt(Bad.values().length)];
                if (bad == Bad.UNKNOWN_LABEL && format != Format.SAMPLES) {
                    bad = Bad.UNKNOWN_FIELD;
                }
                content = bad(bad);
                badKinds.add(bad);
                if (firstBad == 0) {
                    firstBad = line;
                }
            } else if (roll < 22) {
                content = blank();
            } else {
                Object record = record();
                content = line(record);
                if (firstBad == 0) {
                    expected.add(record);
                }
            }
            out.writeBytes(content);
            written = line;
            boolean last = line == lines;
            if (last && random.nextInt(3) == 0 && content.length > 0) {
                break; // the last line without a line ending
            }
            String separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
            if (content.length == 0 && previousSeparator.equals("\r") && separator.equals("\n")) {
                separator = "\r"; // "\r" + "" + "\n" would be one CRLF, not two line endings
            }
            out.writeBytes(separator.getBytes(StandardCharsets.US_ASCII));
            previousSeparator = separator;
        }
        return new Input(out.toByteArray(), expected, firstBad, badKinds, written);
    }

    /** A good record of the format, as the reader must return it. */
    private Object record() {
        String text = visibleText();
        String scenario = random.nextInt(3) == 0 ? optional() : null;
        String id = random.nextInt(3) == 0 ? optional() : null;
        if (format == Format.INPUTS) {
            return new TextInput(text, visible(scenario), visible(id));
        }
        String value = valueSystem.valueIds().get(random.nextInt(valueSystem.valueIds().size()));
        Label label = Label.values()[random.nextInt(Label.values().length)];
        return new LabelledSample(text, value, label, visible(scenario), visible(id));
    }

    private static String visible(String text) {
        return text == null || !dev.clave.internal.Texts.hasVisibleCharacter(text) ? null : text;
    }

    /** A scenario or id: usually text, sometimes only invisible characters (read as absent). */
    private String optional() {
        return random.nextInt(5) == 0 ? invisible(1 + random.nextInt(3)) : visibleText();
    }

    private String visibleText() {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append(invisible(1 + random.nextInt(2)));
        }
        int words = 1 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(random.nextInt(6) == 0 ? invisible(1) : " ");
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.append("w"); // at least one visible letter, whatever the words were
        return text.toString();
    }

    private String invisible(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            char c = INVISIBLE[random.nextInt(INVISIBLE.length)];
            text.append(c == ' ' || c == '\t' ? '\u00A0' : c);
        }
        return text.toString();
    }

    /** The record as one JSON line: fields in random order, random spaces and tabs, random escapes. */
    private byte[] line(Object record) {
        List<String> fields = new ArrayList<>();
        if (record instanceof TextInput input) {
            fields.add(field("text", string(input.text())));
            if (input.scenario() != null || random.nextInt(4) == 0) {
                fields.add(field("scenario", input.scenario() == null ? nullOrInvisible() : string(input.scenario())));
            }
            if (input.id() != null || random.nextInt(4) == 0) {
                fields.add(field("id", input.id() == null ? nullOrInvisible() : string(input.id())));
            }
        } else {
            LabelledSample sample = (LabelledSample) record;
            fields.add(field("text", string(sample.text())));
            fields.add(field("value", string(sample.value())));
            fields.add(field("label", string(sample.label().wire())));
            if (sample.scenario() != null || random.nextInt(4) == 0) {
                fields.add(field("scenario", sample.scenario() == null ? nullOrInvisible() : string(sample.scenario())));
            }
            if (sample.id() != null || random.nextInt(4) == 0) {
                fields.add(field("id", sample.id() == null ? nullOrInvisible() : string(sample.id())));
            }
        }
        shuffle(fields);
        return (space() + "{" + space() + String.join(space() + "," + space(), fields) + space() + "}" + space())
                .getBytes(StandardCharsets.UTF_8);
    }

    private String nullOrInvisible() {
        return random.nextBoolean() ? "null" : string(invisible(1 + random.nextInt(2)));
    }

    private String field(String name, String json) {
        return string(name) + space() + ":" + space() + json;
    }

    private String space() {
        int n = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(random.nextBoolean() ? ' ' : '\t');
        }
        return out.toString();
    }

    /** A JSON string literal for {@code text}, each character raw or escaped at random where JSON allows both. */
    private String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = random.nextInt(4) == 0;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                // a pair is escaped as two escapes, or written raw, never half and half
                char low = text.charAt(++i);
                out.append(escape ? String.format(Locale.ROOT, "\\u%04X\\u%04x", (int) c, (int) low) : "" + c + low);
            } else if (c == '"' || c == '\\') {
                out.append(escape ? String.format(Locale.ROOT, "\\u%04x", (int) c) : "\\" + c);
            } else if (c < 0x20) {
                out.append(switch (c) {
                    case '\n' -> escape ? "\\u000a" : "\\n";
                    case '\r' -> escape ? "\\u000D" : "\\r";
                    case '\t' -> escape ? "\\u0009" : "\\t";
                    default -> String.format(Locale.ROOT, random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c);
                });
            } else if (escape) {
                out.append(String.format(Locale.ROOT, random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else if (c == '/' && random.nextBoolean()) {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private byte[] blank() {
        return switch (random.nextInt(3)) {
            case 0 -> new byte[0];
            case 1 -> "   ".getBytes(StandardCharsets.US_ASCII);
            default -> " \t ".getBytes(StandardCharsets.US_ASCII);
        };
    }

    private String good() {
        return new String(line(record()), StandardCharsets.UTF_8);
    }

    private String goodWithText(String textJson) {
        if (format == Format.INPUTS) {
            return "{\"text\":" + textJson + "}";
        }
        return "{\"text\":" + textJson + ",\"value\":\"power\",\"label\":\"supports\"}";
    }

    private byte[] bad(Bad kind) {
        String line = switch (kind) {
            case TWO_OBJECTS -> good() + space() + good();
            case TRAILING_TEXT -> good() + space() + new String[] {"garbage", "}", "]", "1", "\"x\"", ",", "null", "[1]", "{"}
                    [random.nextInt(9)];
            case LONE_HIGH_SURROGATE -> goodWithText("\"ok " + String.format(Locale.ROOT, "\\u%04X", 0xD800 + random.nextInt(0x400))
                    + (random.nextBoolean() ? "x" : "") + "\"");
            case LONE_LOW_SURROGATE -> goodWithText("\"" + (random.nextBoolean() ? "ok " : "")
                    + String.format(Locale.ROOT, "\\u%04x", 0xDC00 + random.nextInt(0x400)) + " end\"");
            case INVISIBLE_TEXT -> goodWithText(string(invisible(1 + random.nextInt(4))));
            case INVISIBLE_LINE -> "\u00A0" + invisible(random.nextInt(3)) + (random.nextBoolean() ? "\u200B" : "");
            case INVALID_UTF8 -> null;
            case RANDOM_BYTES -> null;
            case NOT_AN_OBJECT -> new String[] {"[" + good() + "]", "\"text\"", "42", "null", "true", "[]"}[random.nextInt(6)];
            case DUPLICATE_FIELD -> format == Format.INPUTS ? "{\"text\":\"one\",\"text\":\"two\"}"
                    : "{\"text\":\"one\",\"value\":\"power\",\"label\":\"supports\",\"label\":\"opposes\"}";
            case UNKNOWN_FIELD -> goodWithText("\"fine\"").replaceFirst("\\}$", ",\"extra\":" + (random.nextBoolean() ? "1" : "\"x\"") + "}");
            case WRONG_TYPE -> goodWithText(new String[] {"42", "true", "[\"a\"]", "{\"a\":1}", "1.5e3"}[random.nextInt(5)]);
            case MISSING_TEXT -> format == Format.INPUTS ? "{\"id\":\"x\"}" : "{\"value\":\"power\",\"label\":\"supports\"}";
            case RAW_CONTROL_CHARACTER -> goodWithText("\"a" + (char) (1 + random.nextInt(8)) + "b\"");
            case NO_BREAK_SPACE_BETWEEN_TOKENS -> goodWithText("\u00A0\"text\"");
            case UNKNOWN_LABEL -> "{\"text\":\"t\",\"value\":\"power\",\"label\":\"support\"}";
        };
        if (kind == Bad.INVALID_UTF8) {
            byte[][] broken = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"text\":\"before ".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(broken[random.nextInt(broken.length)]);
            out.writeBytes((" after\"" + (format == Format.INPUTS ? "}" : ",\"value\":\"power\",\"label\":\"supports\"}"))
                    .getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
        if (kind == Bad.RANDOM_BYTES) {
            byte[] starters = {'#', '@', 'x', (byte) 0xFF, 0, '<', '}', ']', '\'', (byte) 0xC3};
            byte[] bytes = new byte[1 + random.nextInt(40)];
            bytes[0] = starters[random.nextInt(starters.length)];
            for (int i = 1; i < bytes.length; i++) {
                byte b;
                do {
                    b = (byte) random.nextInt(256);
                } while (b == '\n' || b == '\r');
                bytes[i] = b;
            }
            return bytes;
        }
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private void shuffle(List<String> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }
}
