"""Reference values for Strata's einsum op and attention layers, from Keras 3 (JAX backend, float32).

Writes strata-core/src/test/resources/keras-golden/attention_{einsum,mha,gqa,dot}_golden.json (read by the test class
AttentionGolden):
  einsum: keras.ops.einsum on small random operands: equation, operands, output, and the gradients of
          sum(output * r) (r[i] = ((7 i) mod 11 - 5) / 4) with respect to each operand, by jax.grad.
  layers: EinsumDense, MultiHeadAttention, Attention, AdditiveAttention (and GroupedQueryAttention) with some
          arguments: get_config(), weights (random values, Keras's order and names), the call's tensor inputs
          (positional, then keyword ones such as attention_mask), its non-tensor keyword arguments, the outputs,
          and the gradients of sum(out0 * r) + sum(out1 * r) (the second term when scores are returned) with respect
          to the inputs and every trainable weight, by jax.grad through stateless_call.
Also writes keras-golden/attention_models.keras... (see make_models below): small models with these layers, saved
as .keras, with their inputs and predictions in attention_models_golden.json.

Run: KERAS_BACKEND=jax /work/venv/bin/python tools/golden/attention.py   (Keras 3.15, JAX backend)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402
from keras.src import backend  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "strata-core/src/test/resources/keras-golden")

rng = np.random.default_rng(13)


def arr(shape, lo=-1.0, hi=1.0):
    return np.round(rng.uniform(lo, hi, size=shape), 3).astype(np.float32)


def flat(a):
    return [float(str(v)) for v in np.asarray(a, dtype=np.float32).ravel()]


def weights_of(shape):
    n = int(np.prod(shape))
    return (((np.arange(n) * 7) % 11 - 5) / 4.0).astype(np.float32).reshape(shape)


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "values": flat(a)}


# ---- einsum -------------------------------------------------------------------------------------------------
EINSUM = [
    ("abc,cd->abd", [(2, 3, 4), (4, 5)]),
    ("abc,cde->abde", [(2, 3, 4), (4, 2, 3)]),
    ("abcd,cde->abe", [(2, 3, 2, 4), (2, 4, 5)]),
    ("aecd,abcd->acbe", [(2, 5, 3, 4), (2, 6, 3, 4)]),
    ("acbe,aecd->abcd", [(2, 3, 6, 5), (2, 5, 3, 4)]),
    ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("ij,jk,kl->li", [(2, 3), (3, 4), (4, 5)]),
    ("bij->jb", [(3, 2, 4)]),
    ("ij,ij", [(3, 4), (3, 4)]),
]
einsum_out = []
for eq, shapes in EINSUM:
    xs = [arr(s) for s in shapes]
    y = np.asarray(ops.einsum(eq, *xs))
    r = weights_of(y.shape)

    def loss(*operands, eq=eq, r=r):
        return jnp.sum(ops.einsum(eq, *operands) * r)

    grads = jax.grad(loss, argnums=tuple(range(len(xs))))(*xs)
    einsum_out.append({"equation": eq, "operands": [tensor(x) for x in xs], "y": tensor(y),
                       "grads": [tensor(g) for g in grads]})


# ---- layers -------------------------------------------------------------------------------------------------
def causal(t, s):
    return np.tril(np.ones((t, s), dtype=np.float32))


def mask_bs(b, t, s, seed):
    m = np.random.default_rng(seed).uniform(size=(b, t, s)) > 0.3
    m[:, :, 0] = True
    return m.astype(np.float32)


B = 2
# input masks (Keras's _keras_mask): a query of 3 steps and a value of 5, per sample
QM = np.array([[1, 1, 0], [1, 0, 0]], np.float32)
VM = np.array([[1, 1, 1, 0, 0], [1, 0, 1, 1, 0]], np.float32)
LAYER_CASES = [
    # name, layer, positional inputs (per-sample shapes or arrays), keyword tensors, other keyword arguments,
    # whether the layer is called on a list
    ("einsum_dense_seq", lambda: layers.EinsumDense("abc,cd->abd", (None, 5), bias_axes="d", activation="relu"),
     [(3, 4)], {}, {}, False),
    ("einsum_dense_heads", lambda: layers.EinsumDense("abc,cde->abde", (None, 2, 3), bias_axes="de"),
     [(3, 4)], {}, {}, False),
    ("einsum_dense_out", lambda: layers.EinsumDense("abcd,cde->abe", (None, 6), bias_axes="e"),
     [(3, 2, 4)], {}, {}, False),
    ("einsum_dense_left_ellipsis", lambda: layers.EinsumDense("...b,bc->...c", 5, bias_axes="c"),
     [(3, 4)], {}, {}, False),
    ("einsum_dense_right_ellipsis", lambda: layers.EinsumDense("ab...,bc->ac...", (3,), bias_axes="c",
                                                               activation="tanh"),
     [(4, 2)], {}, {}, False),
    ("einsum_dense_nobias", lambda: layers.EinsumDense("ab,bc->ac", 4), [(3,)], {}, {}, False),
    ("mha_basic", lambda: layers.MultiHeadAttention(2, 3), [(5, 4), (6, 4)], {}, {}, False),
    ("mha_key", lambda: layers.MultiHeadAttention(2, 3), [(5, 4), (6, 3), (6, 5)], {}, {}, False),
    # value_dim != key_dim runs only on Keras's einsum path (jax's dot_product_attention needs equal head sizes)
    ("mha_value_dim_scores", lambda: layers.MultiHeadAttention(2, 3, value_dim=2), [(5, 4), (6, 3), (6, 5)], {},
     {"return_attention_scores": True}, False),
    ("mha_causal", lambda: layers.MultiHeadAttention(2, 3), [(5, 4), (5, 4)], {}, {"use_causal_mask": True}, False),
    ("mha_attention_mask", lambda: layers.MultiHeadAttention(2, 3), [(5, 4), (6, 4)],
     {"attention_mask": mask_bs(B, 5, 6, 1)}, {}, False),
    ("mha_scores_masked", lambda: layers.MultiHeadAttention(2, 3), [(5, 4), (6, 4)],
     {"attention_mask": mask_bs(B, 5, 6, 2)}, {"return_attention_scores": True, "use_causal_mask": False}, False),
    ("mha_scores_causal", lambda: layers.MultiHeadAttention(3, 2), [(4, 4), (4, 4)], {},
     {"return_attention_scores": True, "use_causal_mask": True}, False),
    ("mha_dropout_inference_masked_rows", lambda: layers.MultiHeadAttention(2, 3, dropout=0.5),
     [(3, 4), (4, 4)], {"attention_mask": np.array([[[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]]] * B, np.float32)},
     {}, False),
    ("mha_fully_masked_rows", lambda: layers.MultiHeadAttention(2, 3),
     [(3, 4), (4, 4)], {"attention_mask": np.array([[[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]]] * B, np.float32)},
     {}, False),
    ("mha_input_masks", lambda: layers.MultiHeadAttention(2, 3), [(3, 4), (5, 4)],
     {"input_masks": [QM, VM]}, {}, False),
    ("mha_input_masks_key_causal_scores", lambda: layers.MultiHeadAttention(2, 3), [(3, 4), (3, 4), (3, 2)],
     {"input_masks": [QM, QM, None], "attention_mask": mask_bs(B, 3, 3, 4)},
     {"use_causal_mask": True, "return_attention_scores": True}, False),
    ("mha_output_shape_nobias", lambda: layers.MultiHeadAttention(2, 3, use_bias=False, output_shape=7),
     [(5, 4), (6, 4)], {}, {}, False),
    ("mha_2d_attention_axes", lambda: layers.MultiHeadAttention(2, 2), [(2, 3, 4), (2, 3, 4)], {}, {}, False),
    ("mha_axis_2", lambda: layers.MultiHeadAttention(2, 2, attention_axes=2), [(2, 3, 4), (2, 3, 4)], {}, {},
     False),
    ("gqa_basic", lambda: layers.GroupQueryAttention(4, 4, 2), [(5, 4), (6, 4)], {}, {}, False),
    ("gqa_causal_scores", lambda: layers.GroupQueryAttention(2, 4, 2), [(4, 3), (4, 3)], {},
     {"use_causal_mask": True, "return_attention_scores": True}, False),
    ("gqa_key_mask", lambda: layers.GroupQueryAttention(3, 4, 1, use_bias=False), [(4, 3), (5, 3), (5, 2)],
     {"attention_mask": mask_bs(B, 4, 5, 3)}, {}, False),
    ("gqa_input_masks", lambda: layers.GroupQueryAttention(2, 4, 2), [(3, 4), (5, 4)],
     {"input_masks": [QM, VM]}, {}, False),
    ("attention_dot", lambda: layers.Attention(), [(3, 4), (5, 4)], {}, {}, True),
    ("attention_scale_key", lambda: layers.Attention(use_scale=True), [(3, 4), (5, 2), (5, 4)], {}, {}, True),
    ("attention_concat_scores", lambda: layers.Attention(score_mode="concat", use_scale=True), [(3, 4), (5, 4)], {},
     {"return_attention_scores": True}, True),
    ("attention_causal", lambda: layers.Attention(), [(4, 3), (4, 3)], {}, {"use_causal_mask": True}, True),
    ("attention_masks", lambda: layers.Attention(), [(3, 4), (5, 4)],
     {"input_masks": [QM, VM]}, {"return_attention_scores": True}, True),
    ("attention_masks_causal", lambda: layers.Attention(use_scale=True), [(3, 4), (3, 4)],
     {"input_masks": [QM, QM]}, {"use_causal_mask": True}, True),
    ("additive_masks", lambda: layers.AdditiveAttention(), [(3, 4), (5, 4), (5, 4)],
     {"input_masks": [QM, VM, None]}, {}, True),
    ("additive", lambda: layers.AdditiveAttention(), [(3, 4), (5, 4)], {}, {}, True),
    ("additive_noscale_key_causal", lambda: layers.AdditiveAttention(use_scale=False), [(4, 3), (4, 2), (4, 3)],
     {}, {"use_causal_mask": True, "return_attention_scores": True}, True),
]

layer_out = []
for name, make, inputs, kw_tensors, kwargs, as_list in LAYER_CASES:
    keras.backend.clear_session()
    keras.utils.set_random_seed(3)
    layer = make()
    xs = [arr((B,) + tuple(s)) for s in inputs]
    if as_list:
        layer.build([x.shape for x in xs])
    elif isinstance(layer, layers.EinsumDense):
        layer.build(xs[0].shape)
    else:
        layer.build(*[x.shape for x in xs])
    weights = [arr(w.shape) for w in layer.weights]
    for w, v in zip(layer.weights, weights):
        w.assign(v)
    tv = [w.value for w in layer.trainable_variables]
    ntv = [w.value for w in layer.non_trainable_variables]

    input_masks = kw_tensors.get("input_masks")
    call_tensors = {k: v for k, v in kw_tensors.items() if k != "input_masks"}

    def run(tv, xs, call_tensors=call_tensors, kwargs=kwargs, layer=layer, as_list=as_list,
            input_masks=input_masks):
        args = [list(xs)] if as_list else list(xs)
        extra = {}
        if input_masks is not None:
            # what Layer.__call__ does before call (stateless_call skips it): the query's _keras_mask, and the
            # masks as call arguments (Attention's mask list; the *_mask arguments of the multi-head layers)
            masks = [None if m is None else jnp.asarray(m > 0) for m in input_masks]
            if masks[0] is not None:
                backend.set_keras_mask(xs[0], masks[0])
            if as_list:
                extra["mask"] = masks
            else:
                extra["query_mask"] = masks[0]
                extra["value_mask"] = masks[1]
                if len(masks) > 2:
                    extra["key_mask"] = masks[2]
        out, _ = layer.stateless_call(tv, ntv, *args, **call_tensors, **extra, **kwargs)
        return out if isinstance(out, (tuple, list)) else (out,)

    outs = run(tv, xs)
    rs = [weights_of(o.shape) for o in outs]

    def loss(tv, xs, rs=rs, run=run):
        return sum(jnp.sum(o * r) for o, r in zip(run(tv, xs), rs))

    gw, gx = jax.grad(loss, argnums=(0, 1))(tv, xs)
    kw_json = {}
    for k, v in kw_tensors.items():
        kw_json[k] = [None if m is None else tensor(m) for m in v] if isinstance(v, list) else tensor(v)
    layer_out.append({"name": name, "class_name": type(layer).__name__, "config": layer.get_config(),
                      "weight_names": [w.path for w in layer.weights], "weights": [tensor(w) for w in weights],
                      "inputs": [tensor(x) for x in xs], "keyword_tensors": kw_json, "kwargs": kwargs,
                      "outputs": [tensor(o) for o in outs], "dinputs": [tensor(g) for g in gx],
                      "dweights": [tensor(g) for g in gw]})

keras.backend.clear_session()
DEFAULTS = {"EinsumDense": layers.EinsumDense("ab,bc->ac", 4), "MultiHeadAttention": layers.MultiHeadAttention(2, 3),
            "GroupedQueryAttention": layers.GroupQueryAttention(4, 4, 2), "Attention": layers.Attention(),
            "AdditiveAttention": layers.AdditiveAttention()}
default_configs = {k: v.get_config() for k, v in DEFAULTS.items()}

os.makedirs(OUT, exist_ok=True)
GENERATED = "tools/golden/attention.py, keras " + keras.__version__ + " " + keras.backend.backend()
# four files, each small: einsum and EinsumDense; MultiHeadAttention; GroupQueryAttention; Attention and
# AdditiveAttention (the test class reads them all)
FILES = {"attention_einsum_golden.json": ("einsum_dense",), "attention_mha_golden.json": ("mha_",), "attention_gqa_golden.json": ("gqa_",),
         "attention_dot_golden.json": ("attention_", "additive")}
for file, prefixes in FILES.items():
    doc = {"generated_by": GENERATED, "layers": [c for c in layer_out if c["name"].startswith(prefixes)]}
    if file == "attention_einsum_golden.json":
        doc["einsum"] = einsum_out
        doc["default_configs"] = default_configs
    with open(os.path.join(OUT, file), "w") as f:
        json.dump(doc, f)
print("wrote", len(einsum_out), "einsum cases and", len(layer_out), "layer cases")


# ---- small models saved as .keras (loaded by AttentionInteropTest) ------------------------------------------
def make_models():
    """Three small trained models, saved to keras-golden/attention_*.keras, with inputs and predictions."""
    out = {}
    rng2 = np.random.default_rng(7)

    def data(*shape):
        return rng2.uniform(-1, 1, size=shape).astype(np.float32)

    # 1. cross-attention with an explicit mask, plus causal self-attention returning its scores
    keras.backend.clear_session()
    keras.utils.set_random_seed(11)
    q = keras.Input((5, 8), name="query")
    v = keras.Input((6, 8), name="value")
    m = keras.Input((5, 6), name="mask")
    cross = layers.MultiHeadAttention(2, 4, name="cross")(q, v, attention_mask=m)
    own, scores = layers.MultiHeadAttention(2, 4, dropout=0.1, name="self")(q, q, use_causal_mask=True,
                                                                            return_attention_scores=True)
    y = layers.Add()([cross, own])
    mha_model = keras.Model([q, v, m], [y, scores], name="mha_model")
    mask = (rng2.uniform(size=(16, 5, 6)) > 0.3).astype(np.float32)
    mask[:, :, 0] = 1
    xs = [data(16, 5, 8), data(16, 6, 8), mask]
    mha_model.compile("adam", ["mse", None])
    mha_model.fit(xs, [data(16, 5, 8)], epochs=2, verbose=0)
    out["attention_mha"] = (mha_model, [x[:3] for x in xs])

    # 2. a transformer encoder block
    keras.backend.clear_session()
    keras.utils.set_random_seed(12)
    x = keras.Input((10, 12), name="tokens")
    h = layers.MultiHeadAttention(3, 4, name="mha")(x, x)
    h = layers.Dropout(0.1)(h)
    h = layers.LayerNormalization(epsilon=1e-6)(layers.Add()([x, h]))
    f = layers.Dense(24, activation="relu")(h)
    f = layers.Dense(12)(f)
    f = layers.Dropout(0.1)(f)
    h = layers.LayerNormalization(epsilon=1e-6)(layers.Add()([h, f]))
    y = layers.Dense(1)(layers.GlobalAveragePooling1D()(h))
    encoder = keras.Model(x, y, name="encoder_block")
    encoder.compile("adam", "mse")
    xe = data(32, 10, 12)
    encoder.fit(xe, data(32, 1), epochs=2, verbose=0)
    out["attention_encoder"] = (encoder, [xe[:3]])

    # 3. Attention, AdditiveAttention, EinsumDense and GroupQueryAttention
    keras.backend.clear_session()
    keras.utils.set_random_seed(13)
    q = keras.Input((3, 4), name="q")
    v = keras.Input((5, 4), name="v")
    k = keras.Input((5, 4), name="k")
    a1 = layers.Attention(use_scale=True, score_mode="concat")([q, v, k])
    a2, s = layers.AdditiveAttention()([q, v], return_attention_scores=True)
    e = layers.EinsumDense("abc,cd->abd", (None, 3), bias_axes="d", activation="tanh")(
        layers.Concatenate()([a1, a2]))
    g = layers.GroupQueryAttention(2, 2, 1)(q, q, use_causal_mask=True)
    dot_model = keras.Model([q, v, k], [e, s, g], name="dot_attention")
    xd = [data(16, 3, 4), data(16, 5, 4), data(16, 5, 4)]
    dot_model.compile("adam", ["mse", None, "mse"])
    dot_model.fit(xd, [data(16, 3, 3), data(16, 3, 4)], epochs=2, verbose=0)
    out["attention_dot"] = (dot_model, [x[:3] for x in xd])

    predictions = {}
    for name, (model, inputs) in out.items():
        path = os.path.join(OUT, name + ".keras")
        model.save(path)
        preds = model.predict(inputs, verbose=0)
        preds = preds if isinstance(preds, (list, tuple)) else [preds]
        predictions[name] = {"inputs": [tensor(i) for i in inputs], "outputs": [tensor(p) for p in preds]}
        print(name, os.path.getsize(path), "bytes")
    with open(os.path.join(OUT, "attention_models_golden.json"), "w") as f:
        json.dump({"generated_by": GENERATED, "models": predictions}, f)


make_models()
