package dev.clave.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A post-LayerNorm BERT encoder as a DJL block: embeddings (word + position + token type, LayerNorm), then per layer
 * {@code x = LN(x + attention(x)); x = LN(x + FFN(x))} with GELU (erf form), LayerNorm epsilon 1e-12, padded keys
 * masked with -10000 and attention scaled by {@code 1/sqrt(head size)}. Dense weights are kept {@code [in, out]},
 * as the ONNX graphs store them. Inputs: token ids {@code [B, T]}, token type ids {@code [B, T]} and the attention
 * mask {@code [B, T]} (1 for tokens, 0 for padding); output: the last hidden states {@code [B, T, H]}.
 */
final class BertEncoderBlock extends AbstractBlock {

    private static final float EPSILON = 1e-12f;

    private final int layers;
    private final int heads;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    BertEncoderBlock(int layers, int heads) {
        super((byte) 1);
        this.layers = layers;
        this.heads = heads;
        this.inputNames = List.of("input_ids", "token_type_ids", "attention_mask");
        this.inputShapes = new Shape[] {new Shape(-1, -1), new Shape(-1, -1), new Shape(-1, -1)};
        for (String name : parameterNames(layers)) {
            byName.put(name, addParameter(Parameter.builder().setName(name)
                    .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT).build()));
        }
    }

    static List<String> parameterNames(int layers) {
        List<String> names = new ArrayList<>(List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int i = 0; i < layers; i++) {
            String p = "encoder.layer." + i + ".";
            for (String dense : BertWeights.DENSE) {
                names.add(p + dense);
                names.add(p + dense.replace(".weight", ".bias"));
            }
            names.add(p + "attention.output.LayerNorm.weight");
            names.add(p + "attention.output.LayerNorm.bias");
            names.add(p + "output.LayerNorm.weight");
            names.add(p + "output.LayerNorm.bias");
        }
        return names;
    }

    int layers() {
        return layers;
    }

    /** The hidden size (the vector length), from the word embeddings. */
    int hidden() {
        return (int) byName.get("embeddings.word_embeddings.weight").getArray().getShape().get(1);
    }

    Map<String, Parameter> parametersByName() {
        return byName;
    }

    /** Sets every parameter from loaded weights (arrays created in {@code manager}). */
    void setWeights(BertWeights weights, NDManager manager) {
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            BertWeights.Tensor t = weights.tensors().get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("the encoder weights have no " + e.getKey());
            }
            NDArray array = manager.create(t.data(), new Shape(t.shape()));
            e.getValue().setArray(array);
        }
    }

    /**
     * Makes the top {@code trainable} layers (all layers and the embeddings when it is at least the layer count) train
     * and the others not; returns the names of the training parameters.
     */
    List<String> setTrainable(int trainable) {
        List<String> training = new ArrayList<>();
        int firstTrainable = Math.max(0, layers - trainable);
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            boolean train;
            if (e.getKey().startsWith("embeddings.")) {
                train = trainable >= layers;
            } else {
                int layer = Integer.parseInt(e.getKey().split("\\.")[2]);
                train = layer >= firstTrainable;
            }
            NDArray array = e.getValue().getArray();
            array.setRequiresGradient(train);
            if (train) {
                training.add(e.getKey());
            }
        }
        return training;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray mask = inputs.get(2);
        NDArray hidden = embed(inputs.get(0), inputs.get(1));
        return new NDList(layers(hidden, maskBias(mask), 0, layers));
    }

    /** {@code [B, 1, 1, T]}: 0 on tokens, -10000 on padding. */
    static NDArray maskBias(NDArray mask) {
        long b = mask.getShape().get(0);
        long t = mask.getShape().get(1);
        return mask.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).neg().add(1f).mul(-10000f).reshape(b, 1, 1, t);
    }

    NDArray embed(NDArray ids, NDArray typeIds) {
        long t = ids.getShape().get(1);
        NDArray words = Embedding.embedding(ids, w("embeddings.word_embeddings.weight"), SparseFormat.DENSE).singletonOrThrow();
        NDArray types = Embedding.embedding(typeIds, w("embeddings.token_type_embeddings.weight"), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray positions = w("embeddings.position_embeddings.weight").get(new NDIndex(":{}", t));
        // results of operations on a parameter belong to the parameter's manager: move them to the batch's
        NDManager batch = ids.getManager();
        for (NDArray array : new NDArray[] {words, types, positions}) {
            if (array.getManager() != batch) {
                array.attach(batch);
            }
        }
        NDArray x = words.add(types).add(positions);
        return norm(x, "embeddings.LayerNorm");
    }

    /** Runs layers {@code from} (inclusive) to {@code to} (exclusive) on hidden states. */
    NDArray layers(NDArray x, NDArray maskBias, int from, int to) {
        for (int i = from; i < to; i++) {
            x = layer(x, maskBias, "encoder.layer." + i + ".");
        }
        return x;
    }

    private NDArray layer(NDArray x, NDArray maskBias, String p) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long h = x.getShape().get(2);
        long size = h / heads;
        NDArray q = dense(x, p + "attention.self.query").reshape(b, t, heads, size).transpose(0, 2, 1, 3);
        NDArray k = dense(x, p + "attention.self.key").reshape(b, t, heads, size).transpose(0, 2, 3, 1);
        NDArray v = dense(x, p + "attention.self.value").reshape(b, t, heads, size).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul((float) (1.0 / Math.sqrt(size))).add(maskBias);
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, h);
        x = norm(x.add(dense(context, p + "attention.output.dense")), p + "attention.output.LayerNorm");
        NDArray inner = Activation.gelu(dense(x, p + "intermediate.dense"));
        return norm(x.add(dense(inner, p + "output.dense")), p + "output.LayerNorm");
    }

    private NDArray dense(NDArray x, String prefix) {
        return x.matMul(w(prefix + ".weight")).add(w(prefix + ".bias"));
    }

    private NDArray norm(NDArray x, String prefix) {
        return LayerNorm.layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)), w(prefix + ".weight"),
                w(prefix + ".bias"), EPSILON).singletonOrThrow();
    }

    private NDArray w(String name) {
        return byName.get(name).getArray();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        long h = byName.get("embeddings.word_embeddings.weight").getArray().getShape().get(1);
        return new Shape[] {new Shape(ids.get(0), ids.get(1), h)};
    }

    /** Initialised when every parameter holds its weights (they are set, never drawn by an initializer). */
    @Override
    public boolean isInitialized() {
        return byName.values().stream().allMatch(Parameter::isInitialized);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) {
        // the parameters carry their own shapes; there is nothing else to save
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) {
        // see saveMetadata
    }
}
