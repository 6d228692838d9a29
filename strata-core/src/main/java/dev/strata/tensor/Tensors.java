package dev.strata.tensor;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.SequencedMap;

/**
 * An immutable, ordered list of tensors whose entries may carry names: what multi-input and multi-output
 * layers and models take and return.
 *
 * <pre>{@code
 * Tensors out = Tensors.of(main, aux).withNames("main_output", "aux_output");
 * out.get(0);              // by position
 * out.get("aux_output");   // by name
 * }</pre>
 */
public final class Tensors extends AbstractList<Tensor> implements RandomAccess {
    private static final Tensors EMPTY = new Tensors(new Tensor[0], new String[0]);
    /** The names of unnamed tensors, shared by size (never written: names are copied in and out). */
    private static final String[][] NO_NAMES = new String[9][];

    static {
        Arrays.setAll(NO_NAMES, String[]::new);
    }

    private final Tensor[] items;
    private final String[] names;

    private Tensors(Tensor[] items, String[] names) {
        this.items = items;
        this.names = names;
    }

    /** The given tensors, unnamed. */
    public static Tensors of(Tensor... tensors) {
        return owning(tensors.clone());
    }

    /** The given tensors, unnamed (returns the argument itself if it already is a {@code Tensors}). */
    public static Tensors of(List<? extends Tensor> tensors) {
        if (tensors instanceof Tensors t) {
            return t;
        }
        if (tensors.isEmpty()) {
            return EMPTY;
        }
        Tensor[] items = new Tensor[tensors.size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = Objects.requireNonNull(tensors.get(i), () -> "Tensors: element is null");
        }
        return new Tensors(items, noNames(items.length));
    }

    /** Unnamed tensors over {@code items}, not copied (see {@code TensorAccess.tensors}). */
    static Tensors owning(Tensor[] items) {
        if (items.length == 0) {
            return EMPTY;
        }
        for (Tensor t : items) {
            Objects.requireNonNull(t, "Tensors: element is null");
        }
        return new Tensors(items, noNames(items.length));
    }

    private static String[] noNames(int n) {
        return n < NO_NAMES.length ? NO_NAMES[n] : new String[n];
    }

    /** Named tensors, in the map's order. */
    public static Tensors named(SequencedMap<String, ? extends Tensor> tensors) {
        Tensor[] items = new Tensor[tensors.size()];
        String[] names = new String[items.length];
        int i = 0;
        for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
            names[i] = Objects.requireNonNull(e.getKey(), "Tensors: name is null");
            items[i++] = Objects.requireNonNull(e.getValue(), () -> "Tensors: tensor '" + e.getKey() + "' is null");
        }
        return new Tensors(items, names);
    }

    /** These tensors with the given names, one per tensor. */
    public Tensors withNames(String... newNames) {
        if (newNames.length != items.length) {
            throw new IllegalArgumentException("withNames: " + newNames.length + " names for " + items.length
                    + " tensors");
        }
        for (String n : newNames) {
            Objects.requireNonNull(n, "withNames: name is null");
        }
        return new Tensors(items, newNames.clone());
    }

    @Override
    public Tensor get(int index) {
        return items[index];
    }

    /**
     * The tensor with the given name.
     *
     * @throws NoSuchElementException if no entry has that name; the message lists the names there are
     */
    public Tensor get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (name.equals(names[i])) {
                return items[i];
            }
        }
        throw new NoSuchElementException("no tensor named '" + name + "'; names are " + names());
    }

    /** The name of entry {@code index}, if it has one. */
    public Optional<String> name(int index) {
        return Optional.ofNullable(names[index]);
    }

    /** The names of the entries, with {@code null} for unnamed ones. */
    public List<String> names() {
        return java.util.Collections.unmodifiableList(Arrays.asList(names.clone()));
    }

    /**
     * The only tensor.
     *
     * @throws IllegalStateException if there is not exactly one
     */
    public Tensor single() {
        if (items.length != 1) {
            throw new IllegalStateException("expected exactly one tensor, got " + items.length);
        }
        return items[0];
    }

    @Override
    public int size() {
        return items.length;
    }

    /** A mutable copy, for callers that want to build on it. */
    public List<Tensor> toList() {
        return new ArrayList<>(Arrays.asList(items));
    }
}
