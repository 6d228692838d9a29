package p;

import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;
import java.util.*;

public class Prof {
    public static void main(String[] a) throws Exception {
        String file = a[0];
        int calls = Integer.parseInt(a[1]);
        int batch = a.length > 2 ? Integer.parseInt(a[2]) : 1;
        Model model = Saving.loadModel(Path.of(file));
        PredictOptions o = new PredictOptions().batchSize(32);
        Tensor one = Tensor.uniform(Shape.of(batch, 224, 224, 3), -1f, 1f);
        long end = System.nanoTime() + 8_000_000_000L;
        int w = 0;
        while (System.nanoTime() < end || w < 5) { model.predict(one, o); w++; }
        Class<?> f = Class.forName("dev.strata.models.Functional"); f.getField("PROF").setAccessible(true); var pf = f.getField("PROF"); pf.setAccessible(true);
        Map<String, Long> prof = new TreeMap<>();
        pf.set(null, prof);
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            model.predict(one, o);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        pf.set(null, null);
        double[] s = ms.clone(); Arrays.sort(s);
        double total = 0; for (long v : prof.values()) total += v;
        System.out.printf("warmup %d calls; median %.2f ms; min %.2f; steps total %.2f ms/call%n", w, s[calls/2], s[0], total / calls / 1e6);
        for (var e : prof.entrySet()) {
            double m = e.getValue() / (double) calls / 1e6;
            if (m > 0.05) System.out.printf("%8.3f ms  %s%n", m, e.getKey());
        }
    }
}
