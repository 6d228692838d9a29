package dev.strata.internal.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How Keras names one of Strata's built-in classes when the usual rule does not fit. The usual rule, which needs no
 * annotation: a public class with a {@code public static fromConfig(Config)} is saved as its simple name in the Keras
 * module its package mirrors ({@code dev.strata.losses.Huber} is {@code keras.losses}'s {@code Huber}). Keras writes a
 * few classes differently: {@code Sequential} in module {@code keras}, the functional model class in
 * {@code keras.src.models.functional} with a registered name. User classes use
 * {@link dev.strata.config.KerasSerializable} instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KerasClass {
    /** The {@code module} Keras writes. */
    String module();

    /** The {@code class_name}; empty means the simple name. */
    String name() default "";

    /** The {@code registered_name}; empty means null, as Keras writes for its own classes. */
    String registeredName() default "";

    /** Other class names files use for it (Keras 2 wrote a functional model's class as {@code "Model"}). */
    String[] aliases() default {};
}
