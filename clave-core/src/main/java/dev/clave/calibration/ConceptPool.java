package dev.clave.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.clave.data.Label;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apiguardian.api.API;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calibrated concept pool: per value, the calibration concepts clustered with k-means (k-means++ from
 * Apache Commons Math, seeded), each cluster kept as its medoid (the member closest to the centroid) with that
 * member's human label and the label counts of the whole cluster. Evidence for a verdict names the medoid
 * nearest to an evaluated concept, so a reader sees which human judgement the small model leaned on.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConceptPool {

    /** Clusters per value: about the square root of the value's concepts, at most this many. */
    public static final int MAX_CLUSTERS = 64;
    private static final int MAX_ITERATIONS = 25;

    private final Map<String, List<Medoid>> byValue;

    ConceptPool(Map<String, List<Medoid>> byValue) {
        this.byValue = new LinkedHashMap<>();
        byValue.forEach((value, medoids) -> this.byValue.put(value, List.copyOf(medoids)));
    }

    /** A calibration concept labelled through its text, input to {@link #build}. */
    public record Member(String text, float[] embedding, Label label) {
    }

    /**
     * One cluster of the pool.
     *
     * @param concept     the medoid concept's text
     * @param label       the human label of the medoid's text for this value
     * @param size        the number of calibration concepts in the cluster
     * @param labelCounts how many of them carry each label
     * @param embedding   the medoid's embedding, normalised to length 1
     */
    @JsonPropertyOrder({"concept", "label", "size", "labelCounts", "embedding"})
    public record Medoid(String concept, Label label, int size, Map<Label, Integer> labelCounts, float[] embedding) {
        public Medoid {
            labelCounts = Map.copyOf(labelCounts);
        }
    }

    /** The nearest medoid of a value to a concept, and the cosine similarity between them. */
    public record Nearest(Medoid medoid, double similarity) {
    }

    /** Clusters each value's members; deterministic for a seed. */
    public static ConceptPool build(Map<String, List<Member>> membersByValue, long seed) {
        Map<String, List<Medoid>> pool = new LinkedHashMap<>();
        membersByValue.forEach((value, members) -> pool.put(value, cluster(members, seed)));
        return new ConceptPool(pool);
    }

    /** The medoids of a value; empty when the value had no calibration concepts. */
    public List<Medoid> medoids(String value) {
        return byValue.getOrDefault(value, List.of());
    }

    /** All medoids by value. */
    public Map<String, List<Medoid>> byValue() {
        return java.util.Collections.unmodifiableMap(byValue);
    }

    /** The medoid of {@code value} closest (by cosine) to an embedding. */
    public Optional<Nearest> nearest(String value, float[] embedding) {
        List<Medoid> medoids = medoids(value);
        double[] unit = normalise(embedding);
        Medoid best = null;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (Medoid medoid : medoids) {
            double similarity = dot(unit, medoid.embedding());
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = medoid;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Nearest(best, bestSimilarity));
    }

    /** The total number of medoids. */
    public int size() {
        return byValue.values().stream().mapToInt(List::size).sum();
    }

    private static List<Medoid> cluster(List<Member> members, long seed) {
        if (members.isEmpty()) {
            return List.of();
        }
        int k = Math.max(1, Math.min(MAX_CLUSTERS, (int) Math.round(Math.sqrt(members.size()))));
        List<IndexedPoint> points = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            points.add(new IndexedPoint(i, normalise(members.get(i).embedding())));
        }
        List<List<IndexedPoint>> groups = new ArrayList<>();
        if (k == 1 || points.size() <= k) {
            if (points.size() <= k) {
                points.forEach(p -> groups.add(List.of(p)));
            } else {
                groups.add(points);
            }
        } else {
            JDKRandomGenerator random = new JDKRandomGenerator();
            random.setSeed(seed);
            KMeansPlusPlusClusterer<IndexedPoint> clusterer = new KMeansPlusPlusClusterer<>(k, MAX_ITERATIONS,
                    new EuclideanDistance(), random, KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_POINTS_NUMBER);
            for (CentroidCluster<IndexedPoint> cluster : clusterer.cluster(points)) {
                if (!cluster.getPoints().isEmpty()) {
                    groups.add(medoidFirst(cluster.getPoints(), cluster.getCenter().getPoint()));
                }
            }
        }
        List<Medoid> medoids = new ArrayList<>();
        for (List<IndexedPoint> group : groups) {
            IndexedPoint first = group.size() == 1 ? group.get(0) : medoidFirst(group, centroid(group)).get(0);
            Map<Label, Integer> counts = new EnumMap<>(Label.class);
            for (IndexedPoint point : group) {
                counts.merge(members.get(point.index).label(), 1, Integer::sum);
            }
            Member medoid = members.get(first.index);
            medoids.add(new Medoid(medoid.text(), medoid.label(), group.size(), counts, toFloats(first.getPoint())));
        }
        return medoids;
    }

    private static List<IndexedPoint> medoidFirst(List<IndexedPoint> group, double[] center) {
        IndexedPoint best = group.get(0);
        double bestDistance = Double.POSITIVE_INFINITY;
        for (IndexedPoint point : group) {
            double distance = new EuclideanDistance().compute(point.getPoint(), center);
            if (distance < bestDistance || (distance == bestDistance && point.index < best.index)) {
                bestDistance = distance;
                best = point;
            }
        }
        List<IndexedPoint> ordered = new ArrayList<>(group);
        ordered.remove(best);
        ordered.add(0, best);
        return ordered;
    }

    private static double[] centroid(List<IndexedPoint> group) {
        double[] sum = new double[group.get(0).getPoint().length];
        for (IndexedPoint point : group) {
            double[] p = point.getPoint();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p[i] / group.size();
            }
        }
        return sum;
    }

    private static double[] normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] out = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = norm == 0 ? 0 : vector[i] / norm;
        }
        return out;
    }

    private static double dot(double[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] toFloats(double[] vector) {
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) vector[i];
        }
        return out;
    }

    /** Little-endian float32 bytes of a vector, the form the pool file stores (Base64 in JSON). */
    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static final class IndexedPoint extends DoublePoint {
        private static final long serialVersionUID = 1L;
        private final int index;

        IndexedPoint(int index, double[] point) {
            super(point);
            this.index = index;
        }
    }
}
