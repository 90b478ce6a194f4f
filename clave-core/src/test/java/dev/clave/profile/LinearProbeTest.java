package dev.clave.profile;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearProbeTest {

    @Test
    void tells_apart_paired_answers_that_moved_along_one_direction() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 40;
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] question = {random.nextGaussian() * 5, random.nextGaussian() * 5, random.nextGaussian() * 5};
            a[i] = new double[] {question[0] + random.nextGaussian() * 0.1, question[1], question[2]};
            b[i] = new double[] {question[0] + 1 + random.nextGaussian() * 0.1, question[1], question[2]};
        }

        SourceIdentification result = LinearProbe.identify(a, b, true, 10, 1, 0.95);

        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.total()).isEqualTo(40);
        assertThat(result.paired()).isTrue();
        assertThat(result.indistinguishable()).isFalse();
        assertThat(result.interval().lower()).isGreaterThan(0.9);
    }

    @Test
    void tells_apart_unpaired_clouds_with_separate_means() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] a = cloud(random, 30, 0.0);
        double[][] b = cloud(random, 25, 5.0);

        // means 5 standard deviations apart: the best possible rule errs on 0.6% of points
        SourceIdentification result = LinearProbe.identify(a, b, false, 5, 1, 0.95);

        assertThat(result.total()).isEqualTo(55);
        assertThat(result.accuracy()).isGreaterThan(0.9);
        assertThat(result.paired()).isFalse();
    }

    @Test
    void scores_chance_on_answers_of_one_distribution_over_many_seeds() {
        // 200 comparisons of two samples of one distribution; the mean accuracy of a probe at chance is 0.5 with a
        // standard error of about sqrt(0.25 / 40 / 200) = 0.004 (less, as folds share data); 0.03 is over 7 of them
        double sum = 0;
        int indistinguishable = 0;
        for (int run = 0; run < 200; run++) {
            SplittableRandom random = new SplittableRandom(100 + run);
            double[][] a = cloud(random, 40, 0.0);
            double[][] b = cloud(random, 40, 0.0);
            SourceIdentification paired = LinearProbe.identify(a, b, true, 10, run, 0.95);
            sum += paired.accuracy();
            indistinguishable += paired.indistinguishable() ? 1 : 0;
        }

        assertThat(sum / 200).isCloseTo(0.5, within(0.03));
        assertThat(indistinguishable).isGreaterThan(170);
    }

    @Test
    void identical_answers_are_indistinguishable() {
        double[][] a = {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}, {13, 14}, {15, 16}};

        SourceIdentification result = LinearProbe.identify(a, a.clone(), true, 4, 3, 0.95);

        assertThat(result.indistinguishable()).isTrue();
    }

    @Test
    void the_same_seed_gives_the_same_folds_and_result() {
        SplittableRandom random = new SplittableRandom(9);
        double[][] a = cloud(random, 20, 0.0);
        double[][] b = cloud(random, 20, 0.4);

        assertThat(LinearProbe.identify(a, b, true, 10, 5, 0.95)).isEqualTo(LinearProbe.identify(a, b, true, 10, 5, 0.95));
        assertThat(LinearProbe.identify(a, b, false, 10, 5, 0.95)).isEqualTo(LinearProbe.identify(a, b, false, 10, 5, 0.95));
    }

    private static double[][] cloud(SplittableRandom random, int n, double shift) {
        double[][] points = new double[n][4];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 4; d++) {
                points[i][d] = random.nextGaussian() + (d == 0 ? shift : 0);
            }
        }
        return points;
    }
}
