package dev.strata.callbacks;

import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.training.CompileOptions;
import dev.strata.training.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Drives a callback by hand, as the golden scripts drive Keras's: a compiled model, a state, captured output. */
final class Drive {
    private Drive() {
    }

    /** A small model compiled with SGD at {@code lr}, bound to {@code callback}. */
    static Model bind(Callback callback, float lr) {
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile(new SGD(lr), new CompileOptions().loss("mse"));
        callback.setState(new TrainingState(m, Map.of("epochs", 1, "steps", 1, "verbose", 0)));
        return m;
    }

    /** What {@code r} prints to standard output ({@code err == false}) or standard error. */
    static String capture(boolean err, Runnable r) {
        PrintStream old = err ? System.err : System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
        if (err) {
            System.setErr(p);
        } else {
            System.setOut(p);
        }
        try {
            r.run();
        } finally {
            if (err) {
                System.setErr(old);
            } else {
                System.setOut(old);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
