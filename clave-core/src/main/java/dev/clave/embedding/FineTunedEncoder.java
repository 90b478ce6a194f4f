package dev.clave.embedding;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clave.ClaveException;
import dev.clave.UnknownNameException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.clave.internal.Preconditions.notNull;

/**
 * A sentence encoder that can be fine-tuned: a BERT encoder run by DJL on the PyTorch engine, started from the
 * full-precision ONNX weights inside a LangChain4j embedding jar and tokenized with DJL's HuggingFace tokenizer from
 * the {@code tokenizer.json} in the same jar. {@link #pretrained(Base)} reproduces the LangChain4j encoder's vectors
 * (pooling as LangChain4j does it: mean over tokens for all-MiniLM-L6-v2, the first token for bge-small; then
 * L2-normalised). {@link FineTuning} trains it on labelled concepts; {@link #save(Path)} and {@link #load(Path)}
 * keep its weights in an artifact directory (DJL {@code .params} plus a small JSON manifest).
 *
 * <p>Texts longer than {@link #MAX_TOKENS} tokens are truncated (LangChain4j averages 510-token windows instead;
 * concepts are far shorter). Embedding is thread-safe; training is {@link FineTuning}'s alone.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FineTunedEncoder implements AutoCloseable {

    /** The most tokens of a text, including [CLS] and [SEP]. */
    public static final int MAX_TOKENS = 256;
    static final String MODEL_NAME = "fine-tuned-encoder";
    private static final String MANIFEST = MODEL_NAME + ".json";
    private static final int BATCH = 32;

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** The full-precision encoders whose jars hold ONNX weights to start from. */
    public enum Base {
        /** all-MiniLM-L6-v2: 6 layers, mean pooling. */
        ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2", 12, false),
        /** bge-small-en-v1.5: 12 layers, [CLS] pooling. */
        BGE_SMALL_EN_V15("bge-small-en-v15", "bge-small-en-v1.5", 12, true),
        /** bge-small-zh-v1.5: Chinese, [CLS] pooling. */
        BGE_SMALL_ZH_V15("bge-small-zh-v15", "bge-small-zh-v1.5", 8, true);

        private final String id;
        private final String resource;
        private final int heads;
        private final boolean clsPooling;

        Base(String id, String resource, int heads, boolean clsPooling) {
            this.id = id;
            this.resource = resource;
            this.heads = heads;
            this.clsPooling = clsPooling;
        }

        /** The id of the frozen encoder it starts from, as in {@link Encoder#id()}. */
        public String id() {
            return id;
        }

        /** The full-precision counterpart of a frozen encoder: the weights to fine-tune for it. */
        public static Base of(Encoder encoder) {
            return switch (encoder) {
                case ALL_MINILM_L6_V2, ALL_MINILM_L6_V2_Q -> ALL_MINILM_L6_V2;
                case BGE_SMALL_EN_V15, BGE_SMALL_EN_V15_Q -> BGE_SMALL_EN_V15;
                case BGE_SMALL_ZH_V15 -> BGE_SMALL_ZH_V15;
            };
        }

        /** The base with that id. */
        public static Base fromId(String id) {
            for (Base base : values()) {
                if (base.id.equals(id)) {
                    return base;
                }
            }
            throw new UnknownNameException("fine-tunable encoder", String.valueOf(id),
                    Arrays.stream(values()).map(Base::id).toList());
        }

        InputStream open(String suffix) {
            InputStream in = FineTunedEncoder.class.getResourceAsStream("/" + resource + suffix);
            if (in == null) {
                throw new ClaveException("The jar of encoder " + id + " is not on the class path (no /" + resource + suffix
                        + "). Add the dependency dev.langchain4j:langchain4j-embeddings-" + id + ".");
            }
            return in;
        }
    }

    private final Base base;
    private final String tuning;
    private final Model model;
    private final BertEncoderBlock block;
    private final HuggingFaceTokenizer tokenizer;

    private FineTunedEncoder(Base base, String tuning, Model model, BertEncoderBlock block, HuggingFaceTokenizer tokenizer) {
        this.base = base;
        this.tuning = tuning;
        this.model = model;
        this.block = block;
        this.tokenizer = tokenizer;
    }

    /** The base encoder with its pretrained weights, read from the ONNX file in its jar. */
    public static FineTunedEncoder pretrained(Base base) {
        notNull(base, "base");
        BertWeights weights;
        try (InputStream in = base.open(".onnx")) {
            weights = BertWeights.read(in, base.resource + ".onnx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Model model = Model.newInstance(MODEL_NAME, "PyTorch");
        try {
            BertEncoderBlock block = new BertEncoderBlock(weights.layers(), base.heads);
            block.setWeights(weights, model.getNDManager());
            block.setTrainable(0);
            model.setBlock(block);
            return new FineTunedEncoder(base, "pretrained", model, block, tokenizer(base));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** An encoder saved by {@link #save(Path)}. */
    public static FineTunedEncoder load(Path directory) {
        Path manifest = directory.resolve(MANIFEST);
        Map<?, ?> json;
        try {
            json = new ObjectMapper().readValue(manifest.toFile(), Map.class);
        } catch (IOException e) {
            throw new ClaveException("Cannot read " + manifest + ": " + e.getMessage()
                    + ". Calibrate again to rebuild the artifact.", e);
        }
        Base base = Base.fromId(String.valueOf(json.get("base")));
        int layers = ((Number) json.get("layers")).intValue();
        Model model = Model.newInstance(MODEL_NAME, "PyTorch");
        try {
            BertEncoderBlock block = new BertEncoderBlock(layers, base.heads);
            model.setBlock(block);
            model.load(directory, MODEL_NAME);
            return new FineTunedEncoder(base, String.valueOf(json.get("tuning")), model, block, tokenizer(base));
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new ClaveException("Cannot load the fine-tuned encoder from " + directory + ": " + e.getMessage()
                    + ". Calibrate again to rebuild the artifact.", e);
        }
    }

    /** Saves the weights ({@code fine-tuned-encoder-0000.params}) and a manifest into a directory. */
    public void save(Path directory) {
        try {
            Files.createDirectories(directory);
            model.setProperty("Epoch", "0");
            model.save(directory, MODEL_NAME);
            new ObjectMapper().writeValue(directory.resolve(MANIFEST).toFile(),
                    Map.of("base", base.id(), "layers", block.layers(), "tuning", tuning));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the fine-tuned encoder to " + directory, e);
        }
    }

    /** The encoder it started from. */
    public Base base() {
        return base;
    }

    /** An id for caches and artifacts: the base id and what tuned it, e.g. {@code all-minilm-l6-v2+pretrained}. */
    public String id() {
        return base.id() + "+" + tuning;
    }

    /** L2-normalised vectors of the texts, in order (length-sorted batches; padding does not change a vector). */
    public float[][] embed(List<String> texts) {
        List<long[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            ids.add(tokenize(text));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> ids.get(i).length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            List<long[]> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(ids.get(order[i]));
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDList inputs = batchInputs(manager, batch);
                NDArray hidden = block.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow();
                float[] flat = pool(hidden, inputs.get(2)).toFloatArray();
                int h = flat.length / batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    out[order[from + i]] = Arrays.copyOfRange(flat, i * h, (i + 1) * h);
                }
            }
        }
        return out;
    }

    /** The vector length. */
    public int dimension() {
        return block.hidden();
    }

    /**
     * This encoder as a LangChain4j {@link EmbeddingModel}, so that a {@link ConceptEmbedder} (the one embedding path
     * of Clave) can use it. It lives as long as this encoder.
     */
    public EmbeddingModel asEmbeddingModel() {
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                float[][] vectors = FineTunedEncoder.this.embed(segments.stream().map(TextSegment::text).toList());
                List<Embedding> out = new ArrayList<>(vectors.length);
                for (float[] vector : vectors) {
                    out.add(Embedding.from(vector));
                }
                return Response.from(out);
            }

            @Override
            public int dimension() {
                return FineTunedEncoder.this.dimension();
            }
        };
    }

    /** Token ids with [CLS] and [SEP], truncated to {@link #MAX_TOKENS}. */
    long[] tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        if (ids.length > MAX_TOKENS) {
            long[] cut = Arrays.copyOf(ids, MAX_TOKENS);
            cut[MAX_TOKENS - 1] = ids[ids.length - 1];
            return cut;
        }
        return ids;
    }

    /** Padded ids, token types (all 0) and attention mask for a batch. */
    static NDList batchInputs(NDManager manager, List<long[]> batch) {
        int t = batch.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] ids = new long[batch.size() * t];
        long[] mask = new long[batch.size() * t];
        for (int i = 0; i < batch.size(); i++) {
            long[] row = batch.get(i);
            System.arraycopy(row, 0, ids, i * t, row.length);
            Arrays.fill(mask, i * t, i * t + row.length, 1L);
        }
        Shape shape = new Shape(batch.size(), t);
        return new NDList(manager.create(ids, shape), manager.zeros(shape, DataType.INT64), manager.create(mask, shape));
    }

    /** Pooled and L2-normalised {@code [B, H]} vectors from hidden states and the mask. */
    NDArray pool(NDArray hidden, NDArray mask) {
        NDArray pooled;
        if (base.clsPooling) {
            pooled = hidden.get(":, 0, :");
        } else {
            NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
            pooled = hidden.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}));
        }
        NDArray norm = pooled.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
        return pooled.div(norm);
    }

    BertEncoderBlock block() {
        return block;
    }

    Model model() {
        return model;
    }

    /**
     * The same model under another tuning label: {@link FineTuning} hands its trained model to the result this way
     * (the trained instance is not used or closed afterwards).
     */
    static FineTunedEncoder tuned(FineTunedEncoder trained, String tuning) {
        return new FineTunedEncoder(trained.base, tuning, trained.model, trained.block, trained.tokenizer);
    }

    private static HuggingFaceTokenizer tokenizer(Base base) {
        try (InputStream in = base.open("-tokenizer.json")) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the tokenizer of " + base.id(), e);
        }
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
