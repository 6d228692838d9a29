package dev.strata.config;

/**
 * A value whose saved form is a plain JSON value rather than a Keras object dict: Keras writes a built-in
 * activation as its name ({@code "relu"}). A type implementing this should also declare
 * {@code public static T fromConfigValue(Object)}, which reading uses to make it again (for example for a custom
 * layer's constructor parameter of that type).
 */
public interface ConfigValue {
    /** The JSON form: a string, number, boolean, list or map. */
    Object toConfigValue();
}
