package dev.strata.usercode;

import dev.strata.optimizers.Adam;

/**
 * AdamW as a user outside Strata's packages could write it: {@link Adam} with a default weight decay, which is
 * all Keras's AdamW is, and all Strata's {@link dev.strata.optimizers.AdamW} is.
 */
public class UserAdamW extends Adam {
    public UserAdamW(float learningRate, float weightDecay) {
        super(learningRate);
        weightDecay(weightDecay);
    }
}
