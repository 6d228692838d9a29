package dev.strata.training;

import java.util.List;
import java.util.Objects;

/**
 * How {@link History#plot(java.nio.file.Path, PlotOptions)} draws the training curves: the picture's size in
 * pixels (default 800 x 500), which metrics get a panel (default all: {@code loss} first, then in the order they were
 * logged; each with its {@code val_} twin) and the title.
 *
 * <pre>{@code
 * history.plot(Path.of("curves.svg"), new PlotOptions().size(1200, 600).metrics("loss", "mae"));
 * }</pre>
 */
public final class PlotOptions {
    /** The smallest and largest sides accepted, in pixels: smaller cannot hold the axes, larger is no chart. */
    static final int MIN_WIDTH = 240;
    static final int MIN_HEIGHT = 180;
    static final int MAX_SIDE = 8000;

    private int width = 800;
    private int height = 500;
    private List<String> metrics;
    private String title = "Training history";

    /** The defaults: 800 x 500, every metric, titled "Training history". */
    public PlotOptions() {
    }

    /**
     * The picture's size in pixels (the SVG's too).
     *
     * @throws IllegalArgumentException if a side is below 240 x 180 or above 8000
     */
    public PlotOptions size(int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("PlotOptions size must be at least " + MIN_WIDTH + " x " + MIN_HEIGHT
                    + " and at most " + MAX_SIDE + " x " + MAX_SIDE + " pixels, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * The metrics to draw, one panel each in this order ({@code "loss"}, {@code "mae"}, ...); a name's
     * {@code val_} twin is drawn in the same panel ({@code "val_loss"} names the same panel as {@code "loss"}).
     *
     * @throws IllegalArgumentException if none is given
     */
    public PlotOptions metrics(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("PlotOptions metrics: give at least one metric name");
        }
        metrics = List.of(names);
        return this;
    }

    /** The title drawn above the panels (default "Training history"; empty for none). */
    public PlotOptions title(String value) {
        title = Objects.requireNonNull(value, "title");
        return this;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The metrics asked for, or null for all. */
    List<String> metricNames() {
        return metrics;
    }

    String title() {
        return title;
    }
}
