package dev.clave.embedding;

import dev.clave.ClaveException;
import dev.clave.internal.onnx.OnnxWeights.GraphProto;
import dev.clave.internal.onnx.OnnxWeights.ModelProto;
import dev.clave.internal.onnx.OnnxWeights.NodeProto;
import dev.clave.internal.onnx.OnnxWeights.TensorProto;
import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The float32 weights of a BERT encoder read from an ONNX graph (the full-precision models inside the LangChain4j
 * embedding jars), by the parameter names of {@link BertEncoderBlock}. Named initializers keep their names; the dense
 * matrices, which the exporter left unnamed ({@code onnx::MatMul_NNN}), are the second inputs of the graph's MatMul
 * nodes, six per layer in node order: query, key, value, attention output, intermediate, output. They are kept as
 * stored, {@code [in, out]}.
 */
final class BertWeights {

    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\.");
    static final String[] DENSE = {"attention.self.query.weight", "attention.self.key.weight", "attention.self.value.weight",
            "attention.output.dense.weight", "intermediate.dense.weight", "output.dense.weight"};

    /** One tensor: its shape and row-major data. */
    record Tensor(long[] shape, float[] data) {
    }

    private final Map<String, Tensor> tensors;
    private final int layers;

    private BertWeights(Map<String, Tensor> tensors, int layers) {
        this.tensors = tensors;
        this.layers = layers;
    }

    Map<String, Tensor> tensors() {
        return tensors;
    }

    int layers() {
        return layers;
    }

    int hidden() {
        return (int) tensors.get("embeddings.word_embeddings.weight").shape()[1];
    }

    int intermediate() {
        return (int) tensors.get("encoder.layer.0.intermediate.dense.weight").shape()[1];
    }

    static BertWeights read(InputStream onnx, String source) {
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(onnx);
            in.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new ClaveException("Cannot read the ONNX model " + source + ": " + e.getMessage(), e);
        }
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int layers = 0;
        for (TensorProto t : graph.getInitializerList()) {
            String name = t.getName();
            boolean parameter = name.endsWith(".weight") || name.endsWith(".bias");
            if (parameter && (name.startsWith("embeddings.") || name.startsWith("encoder.layer."))) {
                tensors.put(name, tensor(t, source));
                Matcher m = LAYER.matcher(name);
                if (m.find()) {
                    layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        List<String> dense = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2 && initializers.containsKey(node.getInput(1))) {
                dense.add(node.getInput(1));
            }
        }
        if (layers == 0 || dense.size() != layers * DENSE.length) {
            throw new ClaveException("The ONNX model " + source + " is not a BERT encoder this loader knows: " + layers
                    + " layers and " + dense.size() + " weight matrices (expected 6 per layer).");
        }
        for (int i = 0; i < dense.size(); i++) {
            tensors.put("encoder.layer." + (i / DENSE.length) + "." + DENSE[i % DENSE.length],
                    tensor(initializers.get(dense.get(i)), source));
        }
        for (String required : List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias")) {
            if (!tensors.containsKey(required)) {
                throw new ClaveException("The ONNX model " + source + " has no initializer " + required + ".");
            }
        }
        return new BertWeights(tensors, layers);
    }

    private static Tensor tensor(TensorProto t, String source) {
        if (t.getDataType() != 1) {
            throw new ClaveException("The ONNX initializer " + t.getName() + " of " + source + " has data type "
                    + t.getDataType() + ", not float32: fine-tuning needs a full-precision model, not a quantized one.");
        }
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        float[] data;
        if (!t.getRawData().isEmpty()) {
            ByteBuffer buffer = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            data = new float[buffer.remaining() / 4];
            buffer.asFloatBuffer().get(data);
        } else {
            data = new float[t.getFloatDataCount()];
            for (int i = 0; i < data.length; i++) {
                data[i] = t.getFloatData(i);
            }
        }
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        if (count != data.length) {
            throw new ClaveException("The ONNX initializer " + t.getName() + " of " + source + " holds " + data.length
                    + " values for shape " + java.util.Arrays.toString(shape) + ".");
        }
        return new Tensor(shape, data);
    }
}
