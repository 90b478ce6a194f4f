package dev.clave.recognizer;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.exception.TooManyIterationsException;

import java.util.Arrays;

/**
 * The L2-regularised multinomial log-loss of a logistic head and its gradient, minimised with Commons Math's
 * non-linear conjugate gradient optimiser (Polak-Ribière). Only the loss lives here; the optimiser is the library's.
 *
 * <p>Parameter layout: {@code [w (3D) | u (3D) | c (3) | b (3) | W_v (V·3D) | b_v (V·3)]} when shared, else
 * {@code [W_v (V·3D) | b_v (V·3)]}. A pair of value {@code v} gets logits
 * {@code z_k = (w_k + u_k∘d_v·√D + W_{v,k})·x + c_k·cos + b_k + b_{v,k}}. The objective is the mean negative
 * log-likelihood plus {@code strength/2·(|w|² + |u|² + |c|²) + strength·blockPenalty/2·(|W_v|² + |b_v|²)} when
 * shared (the shared biases {@code b} are free, so a value without examples of a label keeps the shared prior), and
 * {@code strength/2·|W_v|²} (free biases) for a per-value head.
 */
final class MultinomialObjective {

    private final double[] x;
    private final double[] cosine;
    private final int[] value;
    private final int[] label;
    private final int n;
    private final int d;
    private final int values;
    private final boolean shared;
    private final double[][] scaledDefinitions;
    private final double strength;
    private final double blockPenalty;

    private final int offsetBlock;
    private final int offsetBias;
    private final int size;

    private int evaluations;
    private int iterations;
    private double[] lastPoint;
    private double lastValue;
    private double[] lastGradient;

    MultinomialObjective(PairData data, float[][] definitions, boolean shared, double strength, double blockPenalty) {
        this.n = data.size();
        this.d = data.dimension();
        this.values = data.values();
        this.shared = shared;
        this.strength = strength;
        this.blockPenalty = blockPenalty;
        this.x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = data.x()[i][j];
            }
        }
        this.cosine = data.cosine();
        this.value = data.value();
        this.label = data.label();
        for (int l : label) {
            if (l < 0) {
                throw new IllegalArgumentException("every pair of a training set needs a label");
            }
        }
        this.scaledDefinitions = new double[values][d];
        if (shared) {
            double scale = Math.sqrt(d);
            for (int v = 0; v < values; v++) {
                for (int j = 0; j < d; j++) {
                    scaledDefinitions[v][j] = definitions[v][j] * scale;
                }
            }
        }
        this.offsetBlock = shared ? 6 * d + 6 : 0;
        this.offsetBias = offsetBlock + values * 3 * d;
        this.size = offsetBias + values * 3;
    }

    int size() {
        return size;
    }

    /**
     * Minimises from {@code start} (zeros when null) and returns the optimum. Stops when the objective changes by
     * less than a relative 1e-7 between iterations, or after {@code maxIterations}, whichever comes first.
     */
    double[] minimise(double[] start, int maxIterations) {
        double[] initial = start == null ? new double[size] : start.clone();
        NonLinearConjugateGradientOptimizer optimiser = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-7, 1e-10),
                1e-4, 1e-8, 1.0);
        MultivariateFunction f = p -> evaluate(p);
        MultivariateVectorFunction g = p -> {
            evaluate(p);
            return lastGradient.clone();
        };
        try {
            PointValuePair optimum = optimiser.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(maxIterations),
                    new ObjectiveFunction(f), new ObjectiveFunctionGradient(g), GoalType.MINIMIZE,
                    new InitialGuess(initial));
            iterations = optimiser.getIterations();
            return optimum.getPoint();
        } catch (TooManyIterationsException e) {
            iterations = maxIterations;
            return lastPoint.clone();
        }
    }

    /** The objective at a point (the gradient is kept for the next call at the same point). */
    double evaluate(double[] p) {
        if (lastPoint != null && Arrays.equals(lastPoint, p)) {
            return lastValue;
        }
        evaluations++;
        double[] grad = new double[size];
        double[][] effective = effectiveWeights(p);
        double[] blockGrad = new double[values * 3 * d];
        double loss = 0;
        double[] z = new double[3];
        double invN = 1.0 / n;
        double[] cGrad = new double[3];
        for (int i = 0; i < n; i++) {
            int v = value[i];
            int base = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                double[] w = effective[v * 3 + k];
                double s = p[offsetBias + v * 3 + k];
                if (shared) {
                    s += p[6 * d + k] * cosine[i] + p[6 * d + 3 + k];
                }
                for (int j = 0; j < d; j++) {
                    s += w[j] * x[base + j];
                }
                z[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            int y = label[i];
            loss -= Math.log(z[y] / sum);
            for (int k = 0; k < 3; k++) {
                double r = (z[k] / sum - (k == y ? 1 : 0)) * invN;
                int row = (v * 3 + k) * d;
                for (int j = 0; j < d; j++) {
                    blockGrad[row + j] += r * x[base + j];
                }
                grad[offsetBias + v * 3 + k] += r;
                cGrad[k] += r * cosine[i];
                if (shared) {
                    grad[6 * d + 3 + k] += r;
                }
            }
        }
        loss *= invN;
        double blockStrength = strength * blockPenalty;
        for (int idx = 0; idx < blockGrad.length; idx++) {
            double w = p[offsetBlock + idx];
            grad[offsetBlock + idx] = blockGrad[idx] + blockStrength * w;
            loss += 0.5 * blockStrength * w * w;
        }
        if (shared) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < d; j++) {
                    double gw = 0;
                    double gu = 0;
                    for (int v = 0; v < values; v++) {
                        double gb = blockGrad[(v * 3 + k) * d + j];
                        gw += gb;
                        gu += gb * scaledDefinitions[v][j];
                    }
                    double w = p[k * d + j];
                    double u = p[3 * d + k * d + j];
                    grad[k * d + j] = gw + strength * w;
                    grad[3 * d + k * d + j] = gu + strength * u;
                    loss += 0.5 * strength * (w * w + u * u);
                }
                double c = p[6 * d + k];
                grad[6 * d + k] = cGrad[k] + strength * c;
                loss += 0.5 * strength * c * c;
            }
            for (int idx = offsetBias; idx < size; idx++) {
                grad[idx] += blockStrength * p[idx];
                loss += 0.5 * blockStrength * p[idx] * p[idx];
            }
        }
        lastPoint = p.clone();
        lastValue = loss;
        lastGradient = grad;
        return loss;
    }

    /** How many distinct points the objective was evaluated at. */
    int evaluations() {
        return evaluations;
    }

    /** How many optimiser iterations the last {@link #minimise} took. */
    int iterations() {
        return iterations;
    }

    /** The gradient at the last evaluated point. */
    double[] lastGradient() {
        return lastGradient.clone();
    }

    /** Per (value, label) row the effective weight vector. */
    double[][] effectiveWeights(double[] p) {
        double[][] effective = new double[values * 3][d];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                double[] row = effective[v * 3 + k];
                int block = offsetBlock + (v * 3 + k) * d;
                for (int j = 0; j < d; j++) {
                    double w = p[block + j];
                    if (shared) {
                        w += p[k * d + j] + p[3 * d + k * d + j] * scaledDefinitions[v][j];
                    }
                    row[j] = w;
                }
            }
        }
        return effective;
    }

    /** Per value the three biases (shared and per-value parts added). */
    double[][] biases(double[] p) {
        double[][] bias = new double[values][3];
        for (int v = 0; v < values; v++) {
            for (int k = 0; k < 3; k++) {
                bias[v][k] = p[offsetBias + v * 3 + k] + (shared ? p[6 * d + 3 + k] : 0);
            }
        }
        return bias;
    }

    /** The cosine weights (zeros unless shared). */
    double[] cosineWeights(double[] p) {
        return shared ? new double[] {p[6 * d], p[6 * d + 1], p[6 * d + 2]} : new double[3];
    }
}
