package dev.strata.callbacks;

/** Golden values from Keras 3.15.1 (jax backend), written by tools/golden/callbacks14.py. Do not edit. */
final class CallbacksGolden {
    private CallbacksGolden() {
    }

    // ReduceLROnPlateau: per case the monitored values, the logged learning_rate and the optimizer's rate
    // after each epoch end, and what verbose printed
    static final double[] PLATEAU_defaults_VALUES = new double[] {1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.93, 0.9, 0.95, 0.96, 0.97, 0.9, 0.9, 0.8, 0.85};
    static final double[] PLATEAU_defaults_LOGGED = new double[] {0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.0009999999310821295, 0.0009999999310821295, 0.0009999999310821295};
    static final double[] PLATEAU_defaults_AFTER = new double[] {0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.0009999999310821295, 0.0009999999310821295, 0.0009999999310821295, 0.0009999999310821295};
    static final String PLATEAU_defaults_OUT = "";
    static final double[] PLATEAU_cooldownMinLr_VALUES = new double[] {1.0, 0.995, 0.99, 0.985, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
    static final double[] PLATEAU_cooldownMinLr_LOGGED = new double[] {0.009999999776482582, 0.009999999776482582, 0.009999999776482582, 0.004999999888241291, 0.004999999888241291, 0.004999999888241291, 0.004999999888241291, 0.0024999999441206455, 0.0024999999441206455, 0.0020000000949949026, 0.0020000000949949026, 0.0020000000949949026, 0.0020000000949949026};
    static final double[] PLATEAU_cooldownMinLr_AFTER = new double[] {0.009999999776482582, 0.009999999776482582, 0.004999999888241291, 0.004999999888241291, 0.004999999888241291, 0.004999999888241291, 0.0024999999441206455, 0.0024999999441206455, 0.0020000000949949026, 0.0020000000949949026, 0.0020000000949949026, 0.0020000000949949026, 0.0020000000949949026};
    static final String PLATEAU_cooldownMinLr_OUT = "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.004999999888241291.\n\nEpoch 7: ReduceLROnPlateau reducing learning rate to 0.0024999999441206455.\n\nEpoch 9: ReduceLROnPlateau reducing learning rate to 0.002.\n";
    static final double[] PLATEAU_maxMode_VALUES = new double[] {0.5, 0.6, 0.6, 0.55, 0.7, 0.7, 0.7, 0.71};
    static final double[] PLATEAU_maxMode_LOGGED = new double[] {0.0010000000474974513, 0.0010000000474974513, 0.0010000000474974513, 0.00020000000949949026, 4.0000002627493814e-05, 4.0000002627493814e-05, 8.000000889296643e-06, 1.6000001323845936e-06};
    static final double[] PLATEAU_maxMode_AFTER = new double[] {0.0010000000474974513, 0.0010000000474974513, 0.00020000000949949026, 4.0000002627493814e-05, 4.0000002627493814e-05, 8.000000889296643e-06, 1.6000001323845936e-06, 1.6000001323845936e-06};
    static final String PLATEAU_maxMode_OUT = "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.00020000000949949026.\n\nEpoch 4: ReduceLROnPlateau reducing learning rate to 4.0000001899898055e-05.\n\nEpoch 6: ReduceLROnPlateau reducing learning rate to 8.000000525498762e-06.\n\nEpoch 7: ReduceLROnPlateau reducing learning rate to 1.6000001778593287e-06.\n";
    static final double[] PLATEAU_float32Compare_VALUES = new double[] {1.0, 0.999899999, 0.9998, 0.99979999};
    static final double[] PLATEAU_float32Compare_LOGGED = new double[] {0.10000000149011612, 0.10000000149011612, 0.05000000074505806, 0.05000000074505806};
    static final double[] PLATEAU_float32Compare_AFTER = new double[] {0.10000000149011612, 0.05000000074505806, 0.05000000074505806, 0.02500000037252903};
    static final String PLATEAU_float32Compare_OUT = "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.02500000037252903.\n";
    static final double[] PLATEAU_lossMonitor_VALUES = new double[] {2.0, 2.0, 1.0, 1.5, 1.5};
    static final double[] PLATEAU_lossMonitor_LOGGED = new double[] {0.30000001192092896, 0.30000001192092896, 0.09000000357627869, 0.09000000357627869, 0.027000000700354576};
    static final double[] PLATEAU_lossMonitor_AFTER = new double[] {0.30000001192092896, 0.09000000357627869, 0.09000000357627869, 0.027000000700354576, 0.008100000210106373};
    static final String PLATEAU_lossMonitor_OUT = "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.09000000357627869.\n\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.027000001072883605.\n\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.008100000210106373.\n";
    static final String PLATEAU_FACTOR_ERROR = "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0";

    // LearningRateScheduler: the rate after each epoch begin, the logged learning_rate, the verbose output
    static final double[] SCHED_decay_RATES = new double[] {0.009999999776482582, 0.009999999776482582, 0.009048374369740486, 0.008187307976186275, 0.007408182602375746, 0.006703200750052929};
    static final double[] SCHED_decay_LOGGED = new double[] {0.009999999776482582, 0.009999999776482582, 0.009048374369740486, 0.008187307976186275, 0.007408182602375746, 0.006703200750052929};
    static final String SCHED_decay_OUT = "\nEpoch 1: LearningRateScheduler setting learning rate to 0.009999999776482582.\n\nEpoch 2: LearningRateScheduler setting learning rate to 0.009999999776482582.\n\nEpoch 3: LearningRateScheduler setting learning rate to 0.009048373978112673.\n\nEpoch 4: LearningRateScheduler setting learning rate to 0.008187307702138734.\n\nEpoch 5: LearningRateScheduler setting learning rate to 0.007408182609837607.\n\nEpoch 6: LearningRateScheduler setting learning rate to 0.006703200818272585.\n";
    static final double[] SCHED_float32_RATES = new double[] {0.10000000149011612, 0.05000000074505806, 0.03333333507180214, 0.02500000037252903};
    static final double[] SCHED_float32_LOGGED = new double[] {0.10000000149011612, 0.05000000074505806, 0.03333333507180214, 0.02500000037252903};
    static final String SCHED_float32_OUT = "\nEpoch 1: LearningRateScheduler setting learning rate to 0.10000000149011612.\n\nEpoch 2: LearningRateScheduler setting learning rate to 0.05000000074505806.\n\nEpoch 3: LearningRateScheduler setting learning rate to 0.03333333507180214.\n\nEpoch 4: LearningRateScheduler setting learning rate to 0.02500000037252903.\n";
    static final double[] SCHED_epochOnly_RATES = new double[] {1.0, 0.5, 0.25, 0.125};
    static final double[] SCHED_epochOnly_LOGGED = new double[] {1.0, 0.5, 0.25, 0.125};
    static final String SCHED_epochOnly_OUT = "\nEpoch 1: LearningRateScheduler setting learning rate to 1.0.\n\nEpoch 2: LearningRateScheduler setting learning rate to 0.5.\n\nEpoch 3: LearningRateScheduler setting learning rate to 0.25.\n\nEpoch 4: LearningRateScheduler setting learning rate to 0.125.\n";
    static final String SCHED_ERROR_NONE = "The output of the `schedule` function should be a float. Got: None";
    static final String SCHED_ERROR_INT = "The output of the `schedule` function should be a float. Got: 1";

    // CSVLogger: the file's text after the epochs given (logs in insertion order)
    static final String CSV_main = "epoch,loss,mae,val_loss,val_mae\r\n0,0.4302417039871216,1e-05,0.5,1.5e+16\r\n1,nan,-0.0,inf,3.0\r\n2,0.1,-inf,0.30000001192092896,NA\r\n";
    static final String CSV_noVal = "epoch,acc,loss,val_acc,val_loss\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n";
    static final String CSV_semicolonQuotes = "epoch;\"a;b\";loss;\"q\"\"uote\";\"val_a;b\";val_loss;\"val_q\"\"uote\"\r\n0;1.0;0.5;2.0;NA;NA;NA\r\n";
    static final String CSV_tab = "epoch\tloss\tmae\tval_loss\tval_mae\r\n0\t0.4302417039871216\t1e-05\t0.5\t1.5e+16\r\n1\tnan\t-0.0\tinf\t3.0\r\n2\t0.1\t-inf\t0.30000001192092896\tNA\r\n";
    static final String CSV_dot = "epoch.acc.loss.val_acc.val_loss\r\n0.\"0.5\".\"0.25\".NA.NA\r\n1.\"0.75\".\"0.125\".NA.NA\r\n";
    static final String CSV_appendExisting = "epoch,acc,loss,val_acc,val_loss\r\n0,1,2,NA,NA\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n";
    static final String CSV_appendEmpty = "epoch,acc,loss,val_acc,val_loss\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n";
    static final String CSV_appendNew = "epoch,acc,loss,val_acc,val_loss\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n";
    static final String CSV_appendTwoFits = "epoch,acc,loss,val_acc,val_loss\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n0,0.5,0.25,NA,NA\r\n";
    static final String CSV_overwriteTwoFits = "epoch,acc,loss,val_acc,val_loss\r\n0,0.5,0.25,NA,NA\r\n1,0.75,0.125,NA,NA\r\n";
    static final String CSV_EXISTING = "epoch,acc,loss,val_acc,val_loss\r\n0,1,2,NA,NA\r\n";

    // RemoteMonitor: the POST each epoch end sends (path, Content-Type, a custom header, body)
    static final String[] REMOTE_form = {"/publish/epoch/end/", "application/x-www-form-urlencoded", null, "data=%7B%22epoch%22%3A+3%2C+%22loss%22%3A+0.4302417039871216%2C+%22mae%22%3A+2.5%2C+%22val_loss%22%3A+1e-05%2C+%22val_mae%22%3A+1.5e%2B16%2C+%22odd+key~%2A%22%3A+-0.0%7D"};
    static final String REMOTE_form_WARNING = null;
    static final String[] REMOTE_json = {"/publish/epoch/end/", "application/json", "abc 123", "{\"epoch\": 0, \"loss\": 0.4302417039871216, \"mae\": 2.5, \"val_loss\": 1e-05, \"val_mae\": 1.5e+16, \"odd key~*\": -0.0}"};
    static final String REMOTE_json_WARNING = null;
    static final String[] REMOTE_field = {"/custom/path?x=1", "application/x-www-form-urlencoded", null, "payload=%7B%22epoch%22%3A+7%2C+%22loss%22%3A+NaN%2C+%22acc%22%3A+Infinity%7D"};
    static final String REMOTE_field_WARNING = null;
    static final String[] REMOTE_jsonNan = null;
    static final String REMOTE_jsonNan_WARNING = "Could not reach RemoteMonitor root server at <root>";
    static final String REMOTE_DOWN_WARNING = "Could not reach RemoteMonitor root server at <root>";
}
