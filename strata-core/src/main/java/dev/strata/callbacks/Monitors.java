package dev.strata.callbacks;

import java.util.Locale;

/** Which way a monitored log value should go, for callbacks in {@code "auto"} mode. */
final class Monitors {
    private Monitors() {
    }

    /**
     * Keras's {@code MonitorCallback._set_monitor_op} in auto mode: {@code loss} goes down; otherwise the metric's
     * direction (errors, losses and crossentropies down; accuracies, AUC, precision, recall, IoU, F1, R2 up).
     *
     * @return true when lower is better
     * @throws IllegalArgumentException when the name does not tell, naming {@code callback} and what to set
     */
    static boolean lowerIsBetter(String monitor, String callback) {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("loss") || n.endsWith("_loss") || n.contains("error") || n.endsWith("mse") || n.endsWith("mae")
                || n.endsWith("mape") || n.endsWith("msle") || n.contains("crossentropy") || n.contains("hinge")
                || n.contains("divergence") || n.contains("logcosh")) {
            return true;
        }
        if (n.contains("acc") || n.contains("auc") || n.contains("precision") || n.contains("recall")
                || n.contains("iou") || n.contains("f1") || n.contains("r2")) {
            return false;
        }
        throw new IllegalArgumentException(callback + " callback received monitor=" + monitor + ", but Strata isn't "
                + "able to automatically determine whether that metric should be maximized or minimized. Pass "
                + "mode(\"max\") in order to monitor based on the highest metric value, or mode(\"min\") in order to "
                + "use the lowest value.");
    }
}
