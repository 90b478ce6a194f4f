package dev.clave.profile;

import dev.clave.ClaveInputException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.clave.internal.Preconditions.notBlank;
import static dev.clave.internal.Preconditions.notNull;

/**
 * A 2-D map of the answers of several profiles: each answer a point, placed by the first two principal components of
 * all answers' vectors together (PCA by the singular value decomposition of Apache Commons Math), so that profiles
 * whose answers moved apart show as separate clouds. {@link ProfileCharts} draws it, coloured by model, with one marker
 * per language.
 *
 * <p>By default the vectors are the answers' value vectors (per value, P(supports) - P(opposes)), the space in which
 * {@link ProfileComparator} judges drift and which is shared by every language; {@link #of(List, SpaceComparison.Space)}
 * maps the embeddings instead, when every profile was embedded by the same encoder. PCA is linear and deterministic:
 * distances on the map are distances in the space, shrunk to the two directions of most variance, whose shares of the
 * variance are {@link #explainedFirst()} and {@link #explainedSecond()}. t-SNE or UMAP would separate clusters more,
 * but distort distances and depend on a seed and tuning; neither has a maintained Java library at hand.
 *
 * @param space           which vectors were projected
 * @param description     the space in words, e.g. {@code value vectors (schwartz@1)}
 * @param profiles        the profiles' names ({@code model [language]}), in the order given
 * @param points          one point per answer
 * @param explainedFirst  the share of the variance along the first axis
 * @param explainedSecond the share along the second axis
 * @param firstAxis       in value space, the value that weighs most on the first axis and the sign of its weight, e.g.
 *                        {@code +benevolence} (to the right, answers support benevolence more); empty for embeddings
 * @param secondAxis      the same for the second axis
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProfileMap(SpaceComparison.Space space, String description, List<String> profiles, List<Point> points,
                         double explainedFirst, double explainedSecond, String firstAxis, String secondAxis) {

    public ProfileMap {
        notNull(space, "space");
        notBlank(description, "description");
        profiles = List.copyOf(notNull(profiles, "profiles"));
        points = List.copyOf(notNull(points, "points"));
        notNull(firstAxis, "firstAxis");
        notNull(secondAxis, "secondAxis");
    }

    /**
     * One answer on the map.
     *
     * @param profile    the profile's name, {@code model [language]}
     * @param model      the model id
     * @param language   the language tag
     * @param questionId the question's id
     * @param value      the value the question elicits
     * @param x          the first principal coordinate
     * @param y          the second principal coordinate
     */
    public record Point(String profile, String model, String language, String questionId, String value, double x, double y) {
    }

    /** The map of some profiles in value space. */
    public static ProfileMap of(List<ModelProfile> profiles) {
        return of(profiles, SpaceComparison.Space.VALUES);
    }

    /**
     * The map of some profiles in the given space.
     *
     * @throws ClaveInputException when there are no profiles, fewer than three answers in all, the profiles mix value
     *                             systems, or embeddings of different encoders are asked for
     */
    public static ProfileMap of(List<ModelProfile> profiles, SpaceComparison.Space space) {
        notNull(profiles, "profiles");
        notNull(space, "space");
        if (profiles.isEmpty()) {
            throw new ClaveInputException("A profile map needs at least one profile");
        }
        ModelProfile first = profiles.get(0);
        String description;
        if (space == SpaceComparison.Space.EMBEDDING) {
            Set<String> encoders = new LinkedHashSet<>();
            profiles.forEach(p -> encoders.add(p.encoder()));
            if (encoders.size() > 1) {
                throw new ClaveInputException("Embeddings of different encoders (" + String.join(", ", encoders) + ") share no"
                        + " space; map these profiles in value space (SpaceComparison.Space.VALUES)");
            }
            description = "embeddings (" + first.encoder() + ")";
        } else {
            for (ModelProfile profile : profiles) {
                if (!profile.valueSystem().equals(first.valueSystem())) {
                    throw new ClaveInputException("Profiles on one map are judged in one value system, but " + first.name()
                            + " was judged in " + first.valueSystem() + " and " + profile.name() + " in " + profile.valueSystem());
                }
            }
            description = "value vectors (" + first.valueSystem() + ")";
        }
        List<double[]> rows = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        for (ModelProfile profile : profiles) {
            for (ProfileAnswer answer : profile.answers()) {
                rows.add(space == SpaceComparison.Space.EMBEDDING ? answer.embeddingVector() : answer.valueVector());
                labels.add(new String[] {profile.name(), profile.model(), profile.language(), answer.questionId(), answer.value()});
            }
        }
        if (rows.size() < 3) {
            throw new ClaveInputException("A profile map needs at least three answers, but got " + rows.size());
        }
        double[][] coordinates = new double[rows.size()][2];
        double[][] axes = new double[2][];
        double[] explained = project(rows.toArray(double[][]::new), coordinates, axes);
        List<String> valueIds = first.rates().valueIds();
        String[] axisNames = new String[2];
        for (int k = 0; k < 2; k++) {
            axisNames[k] = space == SpaceComparison.Space.VALUES && axes[k] != null ? strongest(axes[k], valueIds) : "";
        }
        List<Point> points = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] l = labels.get(i);
            points.add(new Point(l[0], l[1], l[2], l[3], l[4], coordinates[i][0], coordinates[i][1]));
        }
        return new ProfileMap(space, description, profiles.stream().map(ModelProfile::name).toList(), points,
                explained[0], explained[1], axisNames[0], axisNames[1]);
    }

    /** The value with the largest weight on an axis, with the weight's sign, e.g. {@code +benevolence}. */
    private static String strongest(double[] axis, List<String> valueIds) {
        int largest = 0;
        for (int d = 1; d < axis.length; d++) {
            if (Math.abs(axis[d]) > Math.abs(axis[largest])) {
                largest = d;
            }
        }
        return (axis[largest] < 0 ? "-" : "+") + valueIds.get(largest);
    }

    /** The points of one profile. */
    public List<Point> pointsOf(String profile) {
        return points.stream().filter(p -> p.profile().equals(profile)).toList();
    }

    /**
     * Centres the rows, projects them on the first two principal axes (stored, sign-fixed, in {@code axes}) and returns
     * those axes' shares of variance.
     */
    private static double[] project(double[][] rows, double[][] coordinates, double[][] axes) {
        int n = rows.length;
        int dimension = rows[0].length;
        double[] mean = new double[dimension];
        for (double[] row : rows) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += row[d] / n;
            }
        }
        double[][] centred = new double[n][dimension];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                centred[i][d] = rows[i][d] - mean[d];
            }
        }
        RealMatrix matrix = new Array2DRowRealMatrix(centred, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(matrix);
        double[] singular = svd.getSingularValues();
        RealMatrix directions = svd.getV();
        double total = 0;
        for (double s : singular) {
            total += s * s;
        }
        double[] explained = new double[2];
        for (int k = 0; k < 2; k++) {
            if (k >= singular.length || total == 0) {
                continue;
            }
            double[] axis = directions.getColumn(k);
            // fix the sign: the axis's largest component is positive, so the same data always give the same map
            int largest = 0;
            for (int d = 1; d < dimension; d++) {
                if (Math.abs(axis[d]) > Math.abs(axis[largest])) {
                    largest = d;
                }
            }
            double sign = axis[largest] < 0 ? -1 : 1;
            axes[k] = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                axes[k][d] = sign * axis[d];
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int d = 0; d < dimension; d++) {
                    sum += centred[i][d] * axis[d];
                }
                coordinates[i][k] = sign * sum;
            }
            explained[k] = singular[k] * singular[k] / total;
        }
        return explained;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ProfileMap[%s, %d profiles, %d points, PC1 %.1f%%, PC2 %.1f%%]", description,
                profiles.size(), points.size(), explainedFirst * 100, explainedSecond * 100);
    }
}
