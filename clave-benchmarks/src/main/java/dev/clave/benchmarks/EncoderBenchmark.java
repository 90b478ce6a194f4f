package dev.clave.benchmarks;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.clave.concept.SentenceConceptExtractor;
import dev.clave.data.JsonlReader;
import dev.clave.data.Samples;
import dev.clave.embedding.ConceptEmbedder;
import dev.clave.embedding.Encoder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Measures how close the encoder path Clave uses (LangChain4j's in-process model) runs to ONNX Runtime driving
 * the same model file directly: tokenized once, length-sorted batches, mean pooling. Prints a table.
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Concept encoding throughput: Clave's LangChain4j encoder against raw ONNX Runtime on the same model.")
final class EncoderBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "JSONL with a \"text\" field per line (labelled samples or texts); split into concepts offline.")
    Path data;

    @Option(names = "--concepts", defaultValue = "2000", description = "Concepts to encode per round. Default: ${DEFAULT-VALUE}.")
    int concepts;

    @Option(names = "--encoder", defaultValue = "all-minilm-l6-v2-q",
            description = "all-minilm-l6-v2-q or all-minilm-l6-v2. Default: ${DEFAULT-VALUE}.")
    String encoder;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds per method; the best counts. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Encoder chosen = Encoder.fromId(encoder);
        if (chosen != Encoder.ALL_MINILM_L6_V2 && chosen != Encoder.ALL_MINILM_L6_V2_Q) {
            throw new IllegalArgumentException("bench-encoder compares the mean-pooled MiniLM models only: "
                    + "all-minilm-l6-v2-q or all-minilm-l6-v2");
        }
        List<String> sentences = sentences();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "encoding %d distinct concepts with %s, %d cores, best of %d rounds%n%n", sentences.size(),
                chosen.id(), Runtime.getRuntime().availableProcessors(), rounds);
        String prefix = chosen == Encoder.ALL_MINILM_L6_V2 ? "all-minilm-l6-v2" : "all-minilm-l6-v2-q";

        double clave = best(() -> new ConceptEmbedder(chosen.id(), chosen.model(), sentences.size() + 1).embed(sentences));
        EmbeddingModel defaults = chosen == Encoder.ALL_MINILM_L6_V2 ? new AllMiniLmL6V2EmbeddingModel()
                : new AllMiniLmL6V2QuantizedEmbeddingModel();
        double lc4jDefault = best(() -> new ConceptEmbedder(chosen.id(), defaults, sentences.size() + 1).embed(sentences));
        try (RawOnnx raw = new RawOnnx(prefix)) {
            double raw1 = best(() -> raw.embed(sentences, 1));
            double raw32 = best(() -> raw.embed(sentences, 32));
            List<String> sample = sentences.subList(0, Math.min(64, sentences.size()));
            double single = raw.agreement(sample, chosen.model(), 1);
            double batched = raw.agreement(sample, chosen.model(), 32);
            out.printf(Locale.ROOT, "%-58s %12s %9s%n", "method", "concepts/s", "of raw");
            row(out, "Clave encoder (LangChain4j, 2 tasks per core)", sentences.size() / clave, raw32, sentences.size());
            row(out, "LangChain4j default executor (1 task per core)", sentences.size() / lc4jDefault, raw32, sentences.size());
            row(out, "raw ONNX Runtime, one text per call", sentences.size() / raw1, raw32, sentences.size());
            row(out, "raw ONNX Runtime, length-sorted batches of 32", sentences.size() / raw32, raw32, sentences.size());
            out.printf(Locale.ROOT, "%nsame model check, mean cosine between raw and LangChain4j vectors: %.6f one text per call, "
                    + "%.6f in batches of 32%n(a quantized model scales activations over the whole batch, so batching changes "
                    + "its vectors slightly)%n", single, batched);
        }
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String method, double perSecond, double raw32Seconds, int n) {
        out.printf(Locale.ROOT, "%-58s %12.1f %8.0f%%%n", method, perSecond, 100 * perSecond / (n / raw32Seconds));
    }

    private List<String> sentences() {
        Set<String> unique = new LinkedHashSet<>();
        SentenceConceptExtractor splitter = new SentenceConceptExtractor();
        try (JsonlReader<String> reader = JsonlReader.open(data, line -> line.requiredText("text"))) {
            while (reader.hasNext() && unique.size() < concepts) {
                for (String sentence : splitter.split(reader.next())) {
                    if (unique.size() < concepts) {
                        unique.add(sentence);
                    }
                }
            }
        }
        return new ArrayList<>(unique);
    }

    /** Seconds of the fastest round. */
    private double best(Runnable work) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /** The encoder's ONNX file and tokenizer, run directly. */
    private static final class RawOnnx implements AutoCloseable {
        private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;

        RawOnnx(String prefix) throws OrtException, IOException {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            session = environment.createSession(resource(prefix + ".onnx"), options);
            try (InputStream json = getClass().getClassLoader().getResourceAsStream(prefix + "-tokenizer.json")) {
                tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("padding", "false", "truncation", "true",
                        "maxLength", "256"));
            }
        }

        float[][] embed(List<String> texts, int batch) {
            Encoding[] encodings = new Encoding[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                encodings[i] = tokenizer.encode(texts.get(i));
            }
            Integer[] order = new Integer[texts.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
            float[][] vectors = new float[texts.size()][];
            for (int from = 0; from < order.length; from += batch) {
                int n = Math.min(batch, order.length - from);
                int length = 0;
                for (int i = 0; i < n; i++) {
                    length = Math.max(length, encodings[order[from + i]].getIds().length);
                }
                long[] ids = new long[n * length];
                long[] mask = new long[n * length];
                for (int i = 0; i < n; i++) {
                    long[] x = encodings[order[from + i]].getIds();
                    System.arraycopy(x, 0, ids, i * length, x.length);
                    Arrays.fill(mask, i * length, i * length + x.length, 1L);
                }
                int start = from;
                int rows = n;
                int width = length;
                run(ids, mask, n, length, hidden -> {
                    for (int i = 0; i < rows; i++) {
                        vectors[order[start + i]] = meanPool(hidden[i], mask, i * width, width);
                    }
                });
            }
            return vectors;
        }

        double agreement(List<String> texts, EmbeddingModel model, int batch) {
            float[][] raw = embed(texts, batch);
            double sum = 0;
            List<dev.langchain4j.data.embedding.Embedding> reference = model.embedAll(texts.stream().map(TextSegment::from)
                    .toList()).content();
            for (int i = 0; i < texts.size(); i++) {
                float[] a = raw[i];
                float[] b = reference.get(i).vector();
                double dot = 0;
                for (int d = 0; d < a.length; d++) {
                    dot += a[d] * b[d];
                }
                sum += dot;
            }
            return sum / texts.size();
        }

        private void run(long[] ids, long[] mask, int n, int length, Consumer<float[][][]> consumer) {
            long[] shape = {n, length};
            try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                 OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                 OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[n * length]), shape);
                 OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                         "token_type_ids", typeTensor))) {
                consumer.accept((float[][][]) result.get(0).getValue());
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        private static float[] meanPool(float[][] tokens, long[] mask, int offset, int length) {
            float[] sum = new float[tokens[0].length];
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (mask[offset + t] == 1) {
                    count++;
                    for (int d = 0; d < sum.length; d++) {
                        sum[d] += tokens[t][d];
                    }
                }
            }
            double norm = 0;
            for (int d = 0; d < sum.length; d++) {
                sum[d] /= count;
                norm += sum[d] * sum[d];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < sum.length; d++) {
                sum[d] /= (float) norm;
            }
            return sum;
        }

        private static byte[] resource(String name) throws IOException {
            try (InputStream in = RawOnnx.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("model resource " + name + " is not on the class path"));
                }
                return in.readAllBytes();
            }
        }

        @Override
        public void close() throws OrtException {
            session.close();
            tokenizer.close();
        }
    }
}
