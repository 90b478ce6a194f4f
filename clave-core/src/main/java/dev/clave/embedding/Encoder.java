package dev.clave.embedding;

import dev.clave.UnknownNameException;
import dev.clave.internal.Texts;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import org.apiguardian.api.API;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The frozen sentence encoders the small model can stand on: LangChain4j in-process ONNX models whose weights
 * ship inside Maven Central jars, so they work offline. Each is loaded once per JVM, on first use.
 *
 * <p>The small model's verdicts stand on {@link #BGE_SMALL_EN_V15_Q} for English ({@link #forCalibration}); value
 * profiles on {@link #ALL_MINILM_L6_V2_Q} ({@link #forTexts}), each the measured choice for its use (see the README);
 * {@link #BGE_SMALL_ZH_V15} is the choice for Chinese texts, which the English models do not read.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Encoder {

    /** all-MiniLM-L6-v2, full precision, 384 dimensions, English. */
    ALL_MINILM_L6_V2("all-minilm-l6-v2", AllMiniLmL6V2EmbeddingModel::new),
    /** all-MiniLM-L6-v2, int8-quantized, 384 dimensions, English. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new),
    /** BAAI bge-small-en-v1.5, 384 dimensions, English. */
    BGE_SMALL_EN_V15("bge-small-en-v15", BgeSmallEnV15EmbeddingModel::new),
    /** BAAI bge-small-en-v1.5, int8-quantized, 384 dimensions, English. */
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", BgeSmallEnV15QuantizedEmbeddingModel::new),
    /** BAAI bge-small-zh-v1.5, 512 dimensions, Chinese. */
    BGE_SMALL_ZH_V15("bge-small-zh-v15", BgeSmallZhV15EmbeddingModel::new);

    /**
     * LangChain4j encodes one text per task; with twice as many tasks in flight as cores, ONNX Runtime keeps the
     * cores busy while other tasks tokenize (measured: 1.3x the throughput of one task per core, see the README).
     */
    private static final Executor EXECUTOR = newExecutor(2 * Runtime.getRuntime().availableProcessors());

    private final String id;
    private final Function<Executor, EmbeddingModel> factory;
    private volatile EmbeddingModel model;

    Encoder(String id, Function<Executor, EmbeddingModel> factory) {
        this.id = id;
        this.factory = factory;
    }

    /** The identifier used in options, artifacts and cache keys, e.g. {@code all-minilm-l6-v2-q}. */
    public String id() {
        return id;
    }

    /** The LangChain4j model, loaded on first use and shared by the whole JVM (it is thread-safe). */
    public EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = factory.apply(EXECUTOR);
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * The encoder with that id.
     *
     * @throws UnknownNameException listing the valid ids when there is none
     */
    public static Encoder fromId(String id) {
        for (Encoder encoder : values()) {
            if (encoder.id.equals(id)) {
                return encoder;
            }
        }
        throw new UnknownNameException("encoder", String.valueOf(id), ids());
    }

    /** The ids of all encoders. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Encoder::id).toList();
    }

    /**
     * The default encoder of value profiles: {@link #BGE_SMALL_ZH_V15} when most letters are Chinese (Han), else
     * {@link #ALL_MINILM_L6_V2_Q}.
     */
    public static Encoder forTexts(Iterable<String> texts) {
        return Texts.mostlyHan(texts) ? BGE_SMALL_ZH_V15 : ALL_MINILM_L6_V2_Q;
    }

    /**
     * The default encoder of a calibration (the small model's verdicts): {@link #BGE_SMALL_ZH_V15} when most letters
     * of the calibration texts are Chinese (Han), else {@link #BGE_SMALL_EN_V15_Q}, which agrees with people more
     * often than the quantized MiniLM on held-out texts (see the README's measured figures).
     */
    public static Encoder forCalibration(Iterable<String> texts) {
        return Texts.mostlyHan(texts) ? BGE_SMALL_ZH_V15 : BGE_SMALL_EN_V15_Q;
    }

    @Override
    public String toString() {
        return id;
    }

    private static Executor newExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "clave-encoder-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
