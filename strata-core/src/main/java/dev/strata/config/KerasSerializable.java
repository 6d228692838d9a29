package dev.strata.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The registered name of a custom layer, model or other saveable class, like Keras's
 * {@code @register_keras_serializable(package=..., name=...)}: saved configs name the class
 * {@code "package>name"}. The annotation does not register the class by itself;
 * {@link SavingRegistry#register(Class)} (or saving a model that uses it) does.
 *
 * <pre>{@code
 * @KerasSerializable(packageName = "Custom", name = "WideAndDeepModel")
 * class WideAndDeepModel extends Model { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KerasSerializable {
    /** The package part of the registered name; Keras's default is {@code "Custom"}. */
    String packageName() default SavingRegistry.DEFAULT_PACKAGE;

    /** The name part; empty means the class's simple name. */
    String name() default "";
}
