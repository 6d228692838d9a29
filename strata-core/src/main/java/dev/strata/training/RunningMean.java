package dev.strata.training;

/** A weighted running mean in double precision, for the loss trackers of the training loop. */
final class RunningMean {
    private double total;
    private double weight;

    void add(double value, double w) {
        total += value * w;
        weight += w;
    }

    double result() {
        return weight == 0 ? 0.0 : total / weight;
    }

    void reset() {
        total = 0;
        weight = 0;
    }
}
