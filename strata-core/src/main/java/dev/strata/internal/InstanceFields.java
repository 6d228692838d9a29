package dev.strata.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reference-typed instance fields of a class, read reflectively to find what a layer holds (its sublayers
 * for tracking, the objects whose weights a save walks): one scan for both, so they agree on what a layer holds.
 */
public final class InstanceFields {
    private InstanceFields() {
    }

    /**
     * The non-static, non-transient, non-synthetic fields of a type other than a primitive or String declared by {@code type} and
     * its superclasses below {@code stop}, superclass fields first, each in declaration order, made accessible.
     *
     * @param purpose what the fields are read for, for the error ("to find its sublayers")
     * @throws IllegalStateException if a field cannot be made accessible (its module does not open the package)
     */
    public static List<Field> of(Class<?> type, Class<?> stop, String purpose) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != stop && c != Object.class; c = c.getSuperclass()) {
            chain.add(c);
        }
        Collections.reverse(chain);
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()
                        || f.getType().isPrimitive() || f.getType() == String.class) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (InaccessibleObjectException e) {
                    String pkg = type.getPackageName();
                    throw new IllegalStateException("Strata cannot read field '" + f.getName() + "' of "
                            + type.getName() + " " + purpose + ": its module does not open package " + pkg
                            + " to dev.strata (add 'opens " + pkg + " to dev.strata;' to module-info.java), or "
                            + "register sublayers with track(...)", e);
                }
                out.add(f);
            }
        }
        return List.copyOf(out);
    }
}
