package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;

/**
 * The CTC (connectionist temporal classification) loss, as {@code keras.losses.CTC} (default name {@code "ctc"}):
 * integer labels (batch, max_label_length), 0 being the blank class and padding, against logits (batch, max_time,
 * num_classes). See {@link Losses#ctc}.
 */
public final class CTC extends Loss {
    /** With Keras's defaults. */
    public CTC() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public CTC(Reduction reduction) {
        this(reduction, "ctc");
    }

    /** With the given reduction and name. */
    public CTC(Reduction reduction, String name) {
        super(name, reduction);
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.ctc(yTrue, yPred);
    }

    /** Keras's {@code from_config}: the loss has no arguments besides its name and reduction. */
    public static CTC fromConfig(Config config) {
        return new CTC(); // name and reduction are the base keys Loss.FAMILY applies
    }
}
