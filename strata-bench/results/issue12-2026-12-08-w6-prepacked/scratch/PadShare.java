package p;

import dev.strata.layers.Layer;
import dev.strata.layers.reshaping.ZeroPadding2D;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scratch: MobileNetV2 batch-32 predict time against its ZeroPadding2D layers' time alone (one JVM). */
public class PadShare {
    public static void main(String[] args) {
        Model m = Saving.loadModel(Path.of(args[0]));
        Tensor batch = Tensor.uniform(Shape.of(32, 224, 224, 3), -1f, 1f);
        PredictOptions o = new PredictOptions().batchSize(32);
        for (int i = 0; i < 3; i++) m.predict(batch, o);
        List<Double> whole = new ArrayList<>();
        for (int i = 0; i < 3; i++) { long t = System.nanoTime(); m.predict(batch, o); whole.add((System.nanoTime() - t) / 1e6); }
        System.out.println("predict batch 32 ms: " + whole);
        double sum = 0;
        for (Layer l : m.layers()) {
            if (l instanceof ZeroPadding2D z) {
                Shape in = l.buildInputShapes().get(0);
                Tensor x = Tensor.uniform(Shape.of(32, in.get(1), in.get(2), in.get(3)), -1f, 1f);
                for (int i = 0; i < 3; i++) o(z.apply(x));
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 5; i++) { long t = System.nanoTime(); o(z.apply(x)); best = Math.min(best, System.nanoTime() - t); }
                System.out.println(l.name() + " " + in + " best ms " + best / 1e6);
                sum += best / 1e6;
            }
        }
        System.out.println("zero padding total ms (best of 5 each, fresh arrays): " + sum);
    }
    static volatile Object sink;
    static void o(Object x) { sink = x; }
}
