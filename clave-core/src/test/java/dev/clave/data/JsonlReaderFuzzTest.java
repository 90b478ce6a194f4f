package dev.clave.data;

import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Generated JSONL inputs (see {@link JsonlFuzz}): each must be read completely, every record in order, or be
 * rejected with a {@link DataFormatException} naming its first bad line, after handing over exactly the records before
 * that line. Nothing is dropped, merged or reported late.
 */
class JsonlReaderFuzzTest {

    private static final ValueSystem SCHWARTZ = ValueSystems.builtIn("schwartz");
    private static final int INPUTS_PER_SEED = 500;
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong READ_COMPLETELY = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();
    private static final AtomicLong RECORDS = new AtomicLong();
    private static final Map<JsonlFuzz.Bad, Long> FIRST_BAD_KINDS = new EnumMap<>(JsonlFuzz.Bad.class);

    static Stream<org.junit.jupiter.params.provider.Arguments> seeds() {
        return LongStream.rangeClosed(1, 6).boxed().flatMap(seed -> Stream.of(
                arguments(JsonlFuzz.Format.INPUTS, seed), arguments(JsonlFuzz.Format.SAMPLES, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("seeds")
    void every_input_is_read_completely_or_rejected_at_its_first_bad_line(JsonlFuzz.Format format, long seed) {
        JsonlFuzz fuzz = new JsonlFuzz(seed * 7919, format, SCHWARTZ);
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            JsonlFuzz.Input input = fuzz.next();
            check(format, input, "seed " + seed + ", input " + i);
        }
    }

    private static void check(JsonlFuzz.Format format, JsonlFuzz.Input input, String which) {
        List<Object> read = new ArrayList<>();
        DataFormatException rejected = null;
        try (JsonlReader<?> reader = format == JsonlFuzz.Format.INPUTS
                ? Samples.openInputs(new ByteArrayInputStream(input.bytes()), "fuzz.jsonl")
                : Samples.open(new ByteArrayInputStream(input.bytes()), "fuzz.jsonl", SCHWARTZ)) {
            while (reader.hasNext()) {
                read.add(reader.next());
            }
        } catch (DataFormatException e) {
            rejected = e;
        } catch (RuntimeException e) {
            fail(which + ": " + e + " is not a DataFormatException; input: " + printable(input.bytes()), e);
        }
        INPUTS.incrementAndGet();
        RECORDS.addAndGet(read.size());
        assertThat(read).as("%s: the records before the first bad line, in order; input: %s", which, printable(input.bytes()))
                .isEqualTo(input.expected());
        if (input.firstBadLine() == 0) {
            assertThat(rejected).as("%s: an input without a bad line is read completely; input: %s", which,
                    printable(input.bytes())).isNull();
            READ_COMPLETELY.incrementAndGet();
        } else {
            assertThat(rejected).as("%s: rejected at line %d (%s); input: %s", which, input.firstBadLine(),
                    input.badKinds().get(0), printable(input.bytes())).isNotNull();
            assertThat(rejected.line()).as("%s: the first bad line (%s); message: %s; input: %s", which, input.badKinds().get(0),
                    rejected.getMessage(), printable(input.bytes())).isEqualTo(input.firstBadLine());
            assertThat(rejected.getMessage()).startsWith("fuzz.jsonl:" + input.firstBadLine() + ": ");
            assertThat(rejected.getMessage()).as("no raw control character reaches the message")
                    .doesNotContainPattern("[\\x00-\\x1F\\x7F-\\x9F\\u001B]");
            REJECTED.incrementAndGet();
            synchronized (FIRST_BAD_KINDS) {
                FIRST_BAD_KINDS.merge(input.badKinds().get(0), 1L, Long::sum);
            }
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xFF;
            out.append(v >= 0x20 && v < 0x7F && v != '\\' ? String.valueOf((char) v) : String.format("\\x%02X", v));
        }
        return out.toString();
    }

    @AfterAll
    static void every_kind_of_bad_line_was_generated() {
        System.out.printf("JSONL fuzz: %d inputs (%d read completely, %d rejected at their first bad line), %d records read;"
                + " first bad lines by kind: %s%n", INPUTS.get(), READ_COMPLETELY.get(), REJECTED.get(), RECORDS.get(),
                FIRST_BAD_KINDS);
        assertThat(INPUTS.get()).isEqualTo(12L * INPUTS_PER_SEED);
        assertThat(FIRST_BAD_KINDS.keySet()).containsExactlyInAnyOrder(JsonlFuzz.Bad.values());
        assertThat(READ_COMPLETELY.get()).isGreaterThan(INPUTS.get() / 4);
        assertThat(REJECTED.get()).isGreaterThan(INPUTS.get() / 4);
    }
}
