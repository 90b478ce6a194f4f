package dev.clave.calibration;

import dev.clave.data.LabelledSample;
import dev.clave.data.Samples;
import dev.clave.value.ValueSystem;
import dev.clave.value.ValueSystems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The project's own labelled test data: 45 assistant answers labelled for safety and responsibility. */
public final class TestData {

    public static final ValueSystem SYSTEM = ValueSystems.builtIn("safety-responsibility");

    private TestData() {
    }

    public static List<LabelledSample> english() {
        return read("/dev/clave/data/assistant-safety.jsonl");
    }

    public static List<LabelledSample> chinese() {
        return read("/dev/clave/data/assistant-safety-zh.jsonl");
    }

    private static List<LabelledSample> read(String resource) {
        try (InputStream in = TestData.class.getResourceAsStream(resource);
             var reader = Samples.open(in, resource, SYSTEM)) {
            return reader.stream().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
