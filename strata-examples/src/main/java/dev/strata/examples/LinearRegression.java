package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.Locale;

/**
 * The engine on its own: fits {@code y = x·w + b} to noisy synthetic data with a {@link GradientTape} and
 * plain gradient descent, printing the loss as it falls and the recovered weights.
 */
public final class LinearRegression {
    private LinearRegression() {
    }

    public static void main(String[] args) {
        Strata.setRandomSeed(42);
        System.out.println("Strata engine demo: linear regression with GradientTape (kernels: " + Strata.kernels() + ")");

        Tensor trueW = Tensor.of(new float[] {3f, -2f, 0.5f}, 3, 1);
        float trueB = 1f;
        Tensor x = Tensor.normal(Shape.of(1000, 3), 0f, 1f);
        Tensor noise = Tensor.normal(Shape.of(1000, 1), 0f, 0.1f);
        Tensor y = Ops.add(Ops.add(Ops.matmul(x, trueW), trueB), noise);

        Variable w = new Variable(Tensor.zeros(3, 1), "w", true);
        Variable b = new Variable(Tensor.zeros(1), "b", true);
        float learningRate = 0.1f;
        for (int epoch = 1; epoch <= 50; epoch++) {
            Tensor loss;
            List<Tensor> grads;
            try (GradientTape tape = GradientTape.record()) {
                Tensor prediction = Ops.add(Ops.matmul(x, w), b);
                loss = Ops.mean(Ops.square(Ops.subtract(prediction, y)));
                grads = tape.gradient(loss, List.of(w, b));
            }
            w.assignSub(Ops.multiply(grads.get(0), learningRate));
            b.assignSub(Ops.multiply(grads.get(1), learningRate));
            if (epoch == 1 || epoch % 5 == 0) {
                System.out.printf(Locale.ROOT, "epoch %2d  loss %.6f%n", epoch, loss.item());
            }
        }
        System.out.printf(Locale.ROOT, "learned w = [%.3f, %.3f, %.3f] (true [3, -2, 0.5]), b = %.3f (true 1)%n",
                w.get(0, 0), w.get(1, 0), w.get(2, 0), b.get(0));
    }
}
