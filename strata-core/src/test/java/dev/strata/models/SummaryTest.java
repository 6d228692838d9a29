package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Summaries against Keras 3.15's own text (tools/golden/summaries.py, 80-column console: width 76). */
class SummaryTest {

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(1);
    }

    @Test
    void sequentialMatchesKeras() {
        Sequential seq = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
        StringBuilder out = new StringBuilder();
        seq.summary(76, out::append);
        assertThat(out.toString()).isEqualTo("""
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ dense (Dense)                   │ (None, 30)             │           270 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 30)             │           930 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_2 (Dense)                 │ (None, 1)              │            31 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 1,231 (4.81 KB)
                 Trainable params: 1,231 (4.81 KB)
                 Non-trainable params: 0 (0.00 B)
                """);
    }

    @Test
    void functionalShowsConnectionsInKerasOrder() {
        Tensor wide = Input.of("wide_input", 5);
        Tensor deep = Input.of("deep_input", 6);
        Tensor h1 = new Dense(30, "relu").apply(deep);
        Tensor h2 = new Dense(30, "relu").apply(h1);
        Tensor merged = Ops.add(Ops.sum(wide, new int[] {1}, true), h2);
        Tensor main = new Dense(1).named("main_output").apply(merged);
        Tensor aux = new Dense(1).named("aux_output").apply(h2);
        Model model = Model.of(List.of(wide, deep), List.of(main, aux));
        assertThat(model.layers()).extracting(l -> l.name())
                .containsExactly("deep_input", "wide_input", "dense", "dense_1", "main_output", "aux_output");
        StringBuilder out = new StringBuilder();
        model.summary(76, out::append);
        String text = out.toString();
        assertThat(text).contains("┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃");
        assertThat(text).contains("│ deep_input          │ (None, 6)         │          0 │ -                 │\n"
                + "│ (InputLayer)        │                   │            │                   │");
        assertThat(text).contains("│ dense (Dense)       │ (None, 30)        │        210 │ deep_input[0][0]  │");
        assertThat(text).contains("│ add (Add)           │ (None, 30)        │          0 │ sum[0][0],        │\n"
                + "│                     │                   │            │ dense_1[0][0]     │");
        assertThat(text).contains(" Total params: 1,202 (4.70 KB)");
    }
}
