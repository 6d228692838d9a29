package p;

import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;
import java.util.*;

/** In-process A/B of predict: a static toggle flips the kernels between the old (A) and new (B) paths per call. */
public class AB {
    public static void main(String[] a) throws Exception {
        var fld = Class.forName("dev.strata.internal.kernels.Convolution").getField("AB_OLD");
        int rounds = Integer.parseInt(a[1]);
        int batch = a.length > 2 ? Integer.parseInt(a[2]) : 1;
        for (String file : a[0].split(",")) {
            Model model = Saving.loadModel(Path.of(file));
            PredictOptions o = new PredictOptions().batchSize(32);
            Tensor in = Tensor.uniform(Shape.of(batch, 224, 224, 3), -1f, 1f);
            float[] ya = null, yb = null;
            long end = System.nanoTime() + 6_000_000_000L;
            while (System.nanoTime() < end) {
                fld.set(null, true); ya = model.predict(in, o).toFloatArray();
                fld.set(null, false); yb = model.predict(in, o).toFloatArray();
            }
            if (!Arrays.equals(ya, yb)) throw new AssertionError("A and B differ in bits");
            double[] ta = new double[rounds], tb = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                fld.set(null, true);
                long t0 = System.nanoTime(); model.predict(in, o); long t1 = System.nanoTime();
                fld.set(null, false);
                model.predict(in, o); long t2 = System.nanoTime();
                ta[i] = (t1 - t0) / 1e6; tb[i] = (t2 - t1) / 1e6;
            }
            Arrays.sort(ta); Arrays.sort(tb);
            System.out.printf("%s batch %d: A (before) median %.2f ms (min %.2f), B (after) median %.2f ms (min %.2f), A/B %.2fx; same bits%n",
                Path.of(file).getFileName(), batch, ta[rounds/2], ta[0], tb[rounds/2], tb[0], ta[rounds/2] / tb[rounds/2]);
        }
    }
}
