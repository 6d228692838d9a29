package dev.strata.layers;

import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * How a layer's calls are written in, and read from, a saved Keras graph when Keras's {@code call} takes more than
 * one tensor or list: {@code MultiHeadAttention(query, value, key, attention_mask=..., use_causal_mask=True)}.
 * A layer without it is written as Keras's layers of one input or one list are ({@code args: [x]} or
 * {@code args: [[x1, x2]]}, no keyword arguments).
 *
 * <p>Strata keeps Keras's non-tensor call arguments ({@code use_causal_mask}, {@code return_attention_scores}) as
 * settings of the layer, the same for every call, so {@link #kerasCallKeywords()} gives them for each saved call and
 * {@link #readKerasCall} sets them from a saved call (refusing a second call that differs).
 */
public interface KerasCallArguments {
    /**
     * The keyword of each of a call's {@code inputCount} inputs, in Strata's order: null for a positional argument
     * (positional ones come first), else Keras's keyword ({@code "attention_mask"}).
     */
    List<String> kerasInputKeywords(int inputCount);

    /**
     * How a keyword given several of the call's inputs is written ({@code values}: their references, in Strata's
     * order): by default one value alone, several as a list ({@code initial_state=[h, c]}). A layer whose Keras call
     * nests them (a stack of cells' {@code initial_state=[[h1, c1], h2]}) says so here; reading flattens.
     */
    default Object kerasKeywordValue(String keyword, List<Object> values) {
        return values.size() == 1 ? values.getFirst() : values;
    }

    /** Whether the positional inputs are one list ({@code layer([q, v])}) rather than separate arguments. */
    boolean kerasInputsAsList();

    /** The non-tensor keyword arguments written with every call (Keras's defaults may be left out). */
    Map<String, Object> kerasCallKeywords();

    /**
     * The inputs, in Strata's order, of a saved call with these positional tensors and keyword arguments (tensors
     * or plain values); the non-tensor ones set the layer's settings.
     *
     * @throws IllegalArgumentException for an argument the layer does not take or a value it cannot honour
     */
    List<Tensor> readKerasCall(List<Tensor> positional, Map<String, Object> keywords);
}
