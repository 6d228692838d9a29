package dev.strata.saving;

import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.config.KerasForms;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.optimizers.RMSprop;
import dev.strata.optimizers.SGD;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strata's built-in optimizers as Keras names and configs them: which classes are built in, and how each is made from
 * its Keras config (with Keras's defaults for missing keys and an error for a key or value Strata does not support).
 * Layers, initializers, regularizers, losses and metrics have moved into their own classes
 * ({@code fromConfig(Config)}); optimizers are next.
 */
final class BuiltIns {
    private BuiltIns() {
    }

    // ---- optimizers --------------------------------------------------------------------------------------------

    /** Whether {@code type} is one of Strata's optimizers (SGD, Adam, AdamW, RMSprop). */
    static boolean isBuiltInOptimizer(Class<?> type) {
        return type == SGD.class || type == Adam.class || type == AdamW.class || type == RMSprop.class;
    }

    /** Keras's serialized optimizer: {@code {"module": "keras.optimizers", "class_name": "Adam", "config": ...}}. */
    static Map<String, Object> optimizer(Optimizer o) {
        return object("keras.optimizers", o.getClass().getSimpleName(), new LinkedHashMap<>(o.config()));
    }

    /** An optimizer from a name ({@code "adam"}) or a serialized dict. */
    static Optimizer optimizer(Object v, String where) {
        if (v instanceof String s) {
            try {
                return Optimizers.get(s);
            } catch (IllegalArgumentException e) {
                throw new KerasConfigException(where + ": " + e.getMessage());
            }
        }
        Config outer = new Config(v, where);
        String className = outer.requireString("class_name");
        outer.ignore("module", "registered_name", "shared_object_id");
        Config c = new Config(outer.raw("config") == null ? Map.of() : outer.raw("config"),
                where + " (" + className + ")");
        outer.finish();
        String simple = className.startsWith("Custom>") ? className.substring(7) : className; // Keras 2.11-2.15
        Object lrValue = c.has("learning_rate") ? c.raw("learning_rate") : c.raw("lr");
        c.ignore("lr");
        if (lrValue instanceof Map) {
            throw c.error("'learning_rate' is a schedule (" + Config.describe(lrValue) + "); Strata's optimizers "
                    + "take a constant learning rate");
        }
        Optimizer o = switch (simple) {
            case "SGD" -> new SGD(lr(lrValue, c, 0.01), (float) c.number("momentum", 0.0), c.bool("nesterov", false));
            case "Adam" -> new Adam(lr(lrValue, c, 0.001), (float) c.number("beta_1", 0.9),
                    (float) c.number("beta_2", 0.999), (float) c.number("epsilon", 1e-7))
                    .amsgrad(c.bool("amsgrad", false));
            case "AdamW" -> new AdamW(lr(lrValue, c, 0.001), 0.004f, (float) c.number("beta_1", 0.9),
                    (float) c.number("beta_2", 0.999), (float) c.number("epsilon", 1e-7))
                    .amsgrad(c.bool("amsgrad", false)); // weight_decay: below
            case "RMSprop" -> new RMSprop(lr(lrValue, c, 0.001)).rho((float) c.number("rho", 0.9))
                    .momentum((float) c.number("momentum", 0.0)).epsilon((float) c.number("epsilon", 1e-7))
                    .centered(c.bool("centered", false));
            default -> throw c.error("unknown optimizer class '" + className
                    + "'; Strata has SGD, Adam, AdamW and RMSprop");
        };
        String name = c.string("name", null);
        if (name != null) {
            o.name(name);
        }
        Object clip;
        if ((clip = c.raw("clipnorm")) != null) {
            o.clipnorm((float) c.toDouble(clip, "clipnorm"));
        }
        if ((clip = c.raw("global_clipnorm")) != null) {
            o.globalClipnorm((float) c.toDouble(clip, "global_clipnorm"));
        }
        if ((clip = c.raw("clipvalue")) != null) {
            o.clipvalue((float) c.toDouble(clip, "clipvalue"));
        }
        Object weightDecay = c.raw("weight_decay"); // None: no decay (AdamW keeps its default, where Keras refuses)
        if (weightDecay != null) {
            o.weightDecay((float) c.toDouble(weightDecay, "weight_decay"));
        }
        c.requireDefault("use_ema", false, "Strata's optimizers keep no moving average of the weights");
        c.requireDefault("ema_overwrite_frequency", null, "no EMA");
        c.requireDefault("loss_scale_factor", null, "Strata does no loss scaling");
        c.requireDefault("gradient_accumulation_steps", null, "Strata does not accumulate gradients");
        c.requireDefault("decay", 0.0, "Keras 2's learning-rate decay is not supported");
        c.ignore("ema_momentum", "jit_compile", "is_legacy_optimizer");
        c.finish();
        return o;
    }

    private static float lr(Object v, Config c, double dflt) {
        return v == null ? (float) dflt : (float) c.toDouble(v, "learning_rate");
    }

    /** {@code {"module": module, "class_name": className, "config": config, "registered_name": null}}. */
    static Map<String, Object> object(String module, String className, Map<String, Object> config) {
        return KerasForms.envelope(module, className, config, null);
    }
}
