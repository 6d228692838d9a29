"""Golden values for the optimizers of issue 14 (Adagrad, Adadelta, Adamax, Nadam, Ftrl, Lion, Lamb, Muon, Adafactor).

Runs each Keras 3 optimizer eagerly (float32) on fixed weights and gradients for several steps, with Keras's defaults
and with the arguments that change its rule (betas, accumulators, FTRL's regularization, Muon's matrix and AdamW
paths, weight decay and clipping), and writes the generated Java class Optimizers14Golden (the weights after every
step, the optimizer's variables at the end, names and values, in Keras's order), used by Optimizers14GoldenTest:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers14.py \
        > strata-core/src/test/java/dev/strata/optimizers/Optimizers14Golden.java

With the argument `configs` it writes instead the JSON resource of Keras's serialized optimizers of these classes
(`keras.saving.serialize_keras_object`, Keras's defaults first, then other arguments), used by OptimizerConfigTest:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers14.py configs \
        > strata-core/src/test/resources/keras-golden/optimizer_configs14.json

Produced with Keras 3.15.1 on the JAX backend (CPU). CI never runs this script.
"""
import json
import os
import re
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import arr, java_class  # noqa: E402

O = keras.optimizers
NAMES = ["kernel", "bias", "wide", "embeddings"]
SHAPES = [(3, 2), (3,), (2, 4), (4, 2)]
_rng = np.random.default_rng(14)
# A tall matrix (Muon transposes it), a vector (AdamW in Muon), a wide matrix, and one named like an embedding.
W0 = [np.round(_rng.normal(size=s), 2).astype("float32") for s in SHAPES]
# Four steps of gradients, with a few exact zeros (FTRL's and Lion's edge cases).
GRADS = []
for _ in range(4):
    gs = [np.round(_rng.normal(size=s) * 0.5, 3).astype("float32") for s in SHAPES]
    gs[1][1] = 0.0
    GRADS.append(gs)
ZERO_BIAS = [W0[0], np.zeros(3, "float32"), W0[2], W0[3]]
# A larger matrix for Muon, whose Newton-Schulz products then sum over more terms.
LARGE_W0 = np.round(_rng.normal(size=(12, 20)), 2).astype("float32")
LARGE_GRADS = [np.round(_rng.normal(size=(12, 20)) * 0.5, 3).astype("float32") for _ in range(2)]
# A fifth, rank-3 variable for the cases that ask for it (Adafactor factors its last two axes per leading index).
CUBE_SHAPE = (2, 3, 4)
CUBE_W0 = np.round(_rng.normal(size=CUBE_SHAPE), 2).astype("float32")
CUBE_GRADS = [np.round(_rng.normal(size=CUBE_SHAPE) * 0.5, 3).astype("float32") for _ in range(4)]


def case(cid, keras_expr, java, make, steps=4, drop=(), weights=None, cube=False):
    return dict(id=cid, keras=keras_expr, java=java, make=make, steps=steps, drop=drop, weights=weights, cube=cube)


def cases():
    return [
        # Adagrad
        case("adagrad_defaults", "Adagrad()", "new Adagrad()", lambda: O.Adagrad()),
        case("adagrad_accumulator", "Adagrad(0.1, initial_accumulator_value=0.5, epsilon=1e-3)",
             "new Adagrad(0.1f).initialAccumulatorValue(0.5f).epsilon(1e-3f)",
             lambda: O.Adagrad(0.1, initial_accumulator_value=0.5, epsilon=1e-3)),
        case("adagrad_zero_accumulator", "Adagrad(0.1, initial_accumulator_value=0.0)",
             "new Adagrad(0.1f).initialAccumulatorValue(0f)", lambda: O.Adagrad(0.1, initial_accumulator_value=0.0)),
        case("adagrad_decay_clipnorm", "Adagrad(0.05, weight_decay=0.1, clipnorm=0.5)",
             "new Adagrad(0.05f).weightDecay(0.1f).clipnorm(0.5f)",
             lambda: O.Adagrad(0.05, weight_decay=0.1, clipnorm=0.5)),
        # Adadelta
        case("adadelta_defaults", "Adadelta()", "new Adadelta()", lambda: O.Adadelta()),
        case("adadelta_rho", "Adadelta(1.0, rho=0.8, epsilon=1e-4)", "new Adadelta(1f).rho(0.8f).epsilon(1e-4f)",
             lambda: O.Adadelta(1.0, rho=0.8, epsilon=1e-4)),
        case("adadelta_clipvalue", "Adadelta(0.5, clipvalue=0.3, weight_decay=0.2)",
             "new Adadelta(0.5f).clipvalue(0.3f).weightDecay(0.2f)",
             lambda: O.Adadelta(0.5, clipvalue=0.3, weight_decay=0.2)),
        # Adamax
        case("adamax_defaults", "Adamax(), twelve steps", "new Adamax()", lambda: O.Adamax(), steps=12),
        case("adamax_betas", "Adamax(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
             "new Adamax(0.02f).beta1(0.8f).beta2(0.95f).epsilon(1e-4f)",
             lambda: O.Adamax(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)),
        case("adamax_decay_global_clipnorm", "Adamax(0.01, weight_decay=0.05, global_clipnorm=1.0)",
             "new Adamax(0.01f).weightDecay(0.05f).globalClipnorm(1f)",
             lambda: O.Adamax(0.01, weight_decay=0.05, global_clipnorm=1.0)),
        # Nadam
        case("nadam_defaults", "Nadam(), twelve steps", "new Nadam()", lambda: O.Nadam(), steps=12),
        case("nadam_betas", "Nadam(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
             "new Nadam(0.02f).beta1(0.8f).beta2(0.95f).epsilon(1e-4f)",
             lambda: O.Nadam(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)),
        case("nadam_decay_clipnorm", "Nadam(0.01, weight_decay=0.1, clipnorm=0.7)",
             "new Nadam(0.01f).weightDecay(0.1f).clipnorm(0.7f)",
             lambda: O.Nadam(0.01, weight_decay=0.1, clipnorm=0.7)),
        case("nadam_missing_gradients", "Nadam(0.01); no gradient for bias at step 1, none for kernel at step 3 "
             "(u_product still advances once per step)", "new Nadam(0.01f)", lambda: O.Nadam(0.01),
             drop=((0, 1), (2, 0))),
        # Ftrl
        case("ftrl_defaults", "Ftrl()", "new Ftrl()", lambda: O.Ftrl()),
        case("ftrl_l1_l2", "Ftrl(0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.1)",
             "new Ftrl(0.1f).l1RegularizationStrength(0.05f).l2RegularizationStrength(0.1f)",
             lambda: O.Ftrl(0.1, l1_regularization_strength=0.05, l2_regularization_strength=0.1)),
        case("ftrl_shrinkage_beta_power", "Ftrl(0.1, learning_rate_power=-0.7, initial_accumulator_value=0.3, "
             "l2_shrinkage_regularization_strength=0.2, beta=0.5)",
             "new Ftrl(0.1f).learningRatePower(-0.7f).initialAccumulatorValue(0.3f)"
             ".l2ShrinkageRegularizationStrength(0.2f).beta(0.5f)",
             lambda: O.Ftrl(0.1, learning_rate_power=-0.7, initial_accumulator_value=0.3,
                            l2_shrinkage_regularization_strength=0.2, beta=0.5)),
        case("ftrl_fixed_rate", "Ftrl(0.1, learning_rate_power=0.0, l1_regularization_strength=0.01)",
             "new Ftrl(0.1f).learningRatePower(0f).l1RegularizationStrength(0.01f)",
             lambda: O.Ftrl(0.1, learning_rate_power=0.0, l1_regularization_strength=0.01)),
        case("ftrl_decay_clipvalue", "Ftrl(0.05, weight_decay=0.1, clipvalue=0.4, l2_shrinkage_regularization_strength"
             "=0.05)", "new Ftrl(0.05f).weightDecay(0.1f).clipvalue(0.4f).l2ShrinkageRegularizationStrength(0.05f)",
             lambda: O.Ftrl(0.05, weight_decay=0.1, clipvalue=0.4, l2_shrinkage_regularization_strength=0.05)),
        # Lion
        case("lion_defaults", "Lion()", "new Lion()", lambda: O.Lion()),
        case("lion_betas", "Lion(0.01, beta_1=0.5, beta_2=0.9)", "new Lion(0.01f).beta1(0.5f).beta2(0.9f)",
             lambda: O.Lion(0.01, beta_1=0.5, beta_2=0.9)),
        case("lion_beta1_one", "Lion(0.01, beta_1=1.0)", "new Lion(0.01f).beta1(1f)", lambda: O.Lion(0.01, beta_1=1.0)),
        case("lion_decay_clipnorm", "Lion(0.003, weight_decay=0.3, clipnorm=0.5)",
             "new Lion(0.003f).weightDecay(0.3f).clipnorm(0.5f)",
             lambda: O.Lion(0.003, weight_decay=0.3, clipnorm=0.5)),
        # Lamb
        case("lamb_defaults", "Lamb()", "new Lamb()", lambda: O.Lamb()),
        case("lamb_betas", "Lamb(0.01, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
             "new Lamb(0.01f).beta1(0.8f).beta2(0.95f).epsilon(1e-4f)",
             lambda: O.Lamb(0.01, beta_1=0.8, beta_2=0.95, epsilon=1e-4)),
        case("lamb_decay_clipvalue_zero_bias", "Lamb(0.01, weight_decay=0.1, clipvalue=0.5), bias starting at zero "
             "(trust ratio 1 at step 1)", "new Lamb(0.01f).weightDecay(0.1f).clipvalue(0.5f)",
             lambda: O.Lamb(0.01, weight_decay=0.1, clipvalue=0.5), weights=ZERO_BIAS),
        # Muon
        case("muon_defaults", "Muon(): kernel, wide take the Muon step; bias (rank 1) and embeddings (its name) AdamW",
             "new Muon()", lambda: O.Muon()),
        case("muon_options", "Muon(0.02, momentum=0.9, nesterov=False, ns_steps=3, rms_rate=None, "
             "exclude_layers=['wid'], exclude_embeddings=False, adam_lr_ratio=0.5, adam_beta_1=0.8, adam_beta_2=0.95, "
             "adam_weight_decay=None, weight_decay=0.1, epsilon=1e-4)",
             "new Muon(0.02f).momentum(0.9f).nesterov(false).nsSteps(3).rmsRate(Float.NaN).excludeLayers(\"wid\")"
             ".excludeEmbeddings(false).adamLrRatio(0.5f).adamBeta1(0.8f).adamBeta2(0.95f)"
             ".adamWeightDecay(Float.NaN).weightDecay(0.1f).epsilon(1e-4f)",
             lambda: O.Muon(0.02, momentum=0.9, nesterov=False, ns_steps=3, rms_rate=None, exclude_layers=["wid"],
                            exclude_embeddings=False, adam_lr_ratio=0.5, adam_beta_1=0.8, adam_beta_2=0.95,
                            adam_weight_decay=None, weight_decay=0.1, epsilon=1e-4)),
        case("muon_decay_clipnorm", "Muon(0.01, weight_decay=0.02, adam_weight_decay=0.05, clipnorm=0.5, "
             "muon_a=3.0, muon_b=-3.2, muon_c=1.2)",
             "new Muon(0.01f).weightDecay(0.02f).adamWeightDecay(0.05f).clipnorm(0.5f).newtonSchulz(3f, -3.2f, 1.2f)",
             lambda: O.Muon(0.01, weight_decay=0.02, adam_weight_decay=0.05, clipnorm=0.5, muon_a=3.0, muon_b=-3.2,
                            muon_c=1.2)),
        # Adafactor: kernel, wide, embeddings (rank 2) factored, bias (rank 1) not, cube (rank 3) per leading index
        case("adafactor_defaults", "Adafactor(), twelve steps, with the rank-3 cube", "new Adafactor()",
             lambda: O.Adafactor(), steps=12, cube=True),
        case("adafactor_absolute_step", "Adafactor(0.1, relative_step=False, beta_2_decay=-0.5, epsilon_2=0.01), "
             "twelve steps, with the rank-3 cube",
             "new Adafactor(0.1f).relativeStep(false).beta2Decay(-0.5f).epsilon2(0.01f)",
             lambda: O.Adafactor(0.1, relative_step=False, beta_2_decay=-0.5, epsilon_2=0.01), steps=12, cube=True),
        case("adafactor_clip_threshold", "Adafactor(0.1, clip_threshold=0.5, epsilon_1=1e-3), bias starting at zero "
             "(alpha from epsilon_2)", "new Adafactor(0.1f).clipThreshold(0.5f).epsilon1(1e-3f)",
             lambda: O.Adafactor(0.1, clip_threshold=0.5, epsilon_1=1e-3), weights=ZERO_BIAS),
        case("adafactor_decay_clipnorm", "Adafactor(0.05, weight_decay=0.1, clipnorm=0.5, clip_threshold=2.0), "
             "with the rank-3 cube", "new Adafactor(0.05f).weightDecay(0.1f).clipnorm(0.5f).clipThreshold(2f)",
             lambda: O.Adafactor(0.05, weight_decay=0.1, clipnorm=0.5, clip_threshold=2.0), cube=True),
    ]


def run(c):
    weights = list(c["weights"] or W0) + ([CUBE_W0] if c["cube"] else [])
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(weights, NAMES + ["cube"])]
    opt = c["make"]()
    steps = []
    for step in range(c["steps"]):
        gs = GRADS[step % len(GRADS)] + ([CUBE_GRADS[step % len(CUBE_GRADS)]] if c["cube"] else [])
        opt.apply([None if (step, i) in c["drop"] else np.array(g) for i, g in enumerate(gs)], vs)
        steps.append([v.numpy() for v in vs])
    assert int(opt.iterations.numpy()) == c["steps"]
    # Keras names an unnamed variable (Nadam's u_product) "variable", made unique per process ("variable_3"):
    # the golden keeps the name every fresh process gives the first one.
    return steps, [(re.sub(r"^variable_\d+$", "variable", v.name), v.numpy()) for v in opt.variables]


def jstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_golden():
    body = [
        "/** The starting weights: kernel (3, 2), bias (3,), wide (2, 4), embeddings (4, 2). */",
        "static final float[][] W0 = {" + ", ".join(arr(w) for w in W0) + "};",
        "/** Like W0 with the bias at zero. */",
        "static final float[][] ZERO_BIAS = {" + ", ".join(arr(w) for w in ZERO_BIAS) + "};",
        "static final String[] NAMES = {" + ", ".join(jstr(n) for n in NAMES) + "};",
        "static final int[][] SHAPES = {" + ", ".join("{" + ", ".join(map(str, s)) + "}" for s in SHAPES) + "};",
        "/** A fifth variable, \"cube\" (2, 3, 4), and its four gradients, for the cases {@code withCube}. */",
        "static final int[] CUBE_SHAPE = {" + ", ".join(map(str, CUBE_SHAPE)) + "};",
        "static final float[] CUBE_W0 = " + arr(CUBE_W0) + ";",
        "static final float[][] CUBE_GRADS = {" + ", ".join(arr(g) for g in CUBE_GRADS) + "};",
        "/** Four steps of gradients; longer cases repeat them. */",
        "static final float[][][] GRADS = {",
        *["    {" + ", ".join(arr(g) for g in gs) + "}," for gs in GRADS],
        "};",
        "",
        "/**",
        " * One run: {@code optimizer} makes the optimizer; {@code zeroBias} starts from ZERO_BIAS; {@code drop} holds",
        " * the \"step:variable\" pairs whose gradient is null; {@code withCube} adds the variable \"cube\" last;",
        " * {@code steps} are the weights after each step;",
        " * {@code variables} the optimizer's variables at the end (names and values), in Keras's order.",
        " */",
        "record Case(String id, String keras, java.util.function.Supplier<Optimizer> optimizer, int stepCount,",
        "        boolean zeroBias, boolean withCube, java.util.Set<String> drop, float[][][] steps,",
        "        java.util.List<String> variableNames,",
        "        float[][] variables) {",
        "    @Override",
        "    public String toString() {",
        "        return id;",
        "    }",
        "}",
        "",
        "static final java.util.List<Case> CASES = java.util.List.of(",
    ]
    blocks = []
    for c in cases():
        steps, variables = run(c)
        drop = "java.util.Set.of(" + ", ".join(f'"{s}:{i}"' for s, i in c["drop"]) + ")"
        lines = [f"    new Case({jstr(c['id'])}, {jstr(c['keras'])},",
                 f"        () -> {c['java']}, {c['steps']}, {'true' if c['weights'] else 'false'}, "
                 f"{'true' if c['cube'] else 'false'}, {drop},",
                 "        new float[][][] {"]
        lines += ["            {" + ", ".join(arr(w) for w in ws) + "}," for ws in steps]
        lines += ["        },",
                  "        java.util.List.of(" + ", ".join(jstr(n) for n, _ in variables) + "),",
                  "        new float[][] {"]
        lines += ["            " + arr(v) + "," for _, v in variables]
        lines += ["        })"]
        blocks.append(lines)
    for i, b in enumerate(blocks):
        if i < len(blocks) - 1:
            b[-1] += ","
        body += b
    body.append(");")
    body += ["", "/** Muon() on one (12, 20) matrix named \"kernel\": its start, two gradients, the weights after each step. */"]
    body += ["static final int[] LARGE_SHAPE = {12, 20};",
             "static final float[] LARGE_W0 = " + arr(LARGE_W0) + ";",
             "static final float[][] LARGE_GRADS = {" + ", ".join(arr(g) for g in LARGE_GRADS) + "};"]
    v = keras.Variable(LARGE_W0.copy(), name="kernel")
    opt = O.Muon()
    large = []
    for g in LARGE_GRADS:
        opt.apply([np.array(g)], [v])
        large.append(v.numpy())
    body += ["static final float[][] LARGE_STEPS = {" + ", ".join(arr(w) for w in large) + "};"]
    sys.stdout.write(java_class("dev.strata.optimizers", "Optimizers14Golden", "tools/golden/optimizers14.py", body,
                                doc="Weights and optimizer state after each step of the issue-14 optimizers, from Keras"))


# Keras's defaults first, then other arguments (each class's own, and some every optimizer has).
OPTIMIZER_CONFIGS = {
    "Adagrad": [dict(learning_rate=0.1, initial_accumulator_value=0.5, epsilon=1e-3, clipnorm=1.0, name="g")],
    "Adadelta": [dict(learning_rate=1.0, rho=0.9, epsilon=1e-6, weight_decay=0.01, name="d")],
    "Adamax": [dict(learning_rate=0.002, beta_1=0.8, beta_2=0.99, epsilon=1e-5, global_clipnorm=2.0, name="x")],
    "Nadam": [dict(learning_rate=0.002, beta_1=0.85, beta_2=0.995, epsilon=1e-6, clipvalue=0.5, name="n")],
    "Ftrl": [dict(learning_rate=0.05, learning_rate_power=-0.7, initial_accumulator_value=0.3,
                  l1_regularization_strength=0.01, l2_regularization_strength=0.02,
                  l2_shrinkage_regularization_strength=0.03, beta=0.5, name="f")],
    "Lion": [dict(learning_rate=1e-4, beta_1=0.95, beta_2=0.98, weight_decay=0.1, name="l")],
    "Lamb": [dict(learning_rate=0.01, beta_1=0.8, beta_2=0.95, epsilon=1e-6, clipnorm=0.5, name="b")],
    "Muon": [dict(learning_rate=0.02, adam_beta_1=0.8, adam_beta_2=0.95, adam_weight_decay=None, epsilon=1e-6,
                  weight_decay=0.1, exclude_layers=["out", "head"], exclude_embeddings=False, muon_a=3.0, muon_b=-3.2,
                  muon_c=1.2, adam_lr_ratio=0.5, momentum=0.9, ns_steps=3, nesterov=False, rms_rate=None, name="m"),
             dict(adam_weight_decay=0.01, rms_rate=0.3, clipvalue=1.0)],
    "Adafactor": [dict(learning_rate=0.05, beta_2_decay=-0.5, epsilon_1=1e-20, epsilon_2=0.01, clip_threshold=0.5,
                       relative_step=False, clipnorm=1.0, name="af")],
}


def three_steps(opt):
    """The weights (kernel, bias, wide, embeddings of Optimizers14Golden), flattened, after three steps."""
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(W0, NAMES)]
    out = []
    for step in range(3):
        opt.apply([np.array(g) for g in GRADS[step]], vs)
        out.append([np.asarray(v.numpy(), "float32").ravel().tolist() for v in vs])
    return out


def emit_configs():
    forms = {name: [getattr(O, name)()] + [getattr(O, name)(**kw) for kw in kws]
             for name, kws in OPTIMIZER_CONFIGS.items()}
    out = {"generated_by": "tools/golden/optimizers14.py configs (generated, do not edit)",
           "keras_version": keras.__version__,
           "optimizers": {name: [keras.saving.serialize_keras_object(o) for o in opts]
                          for name, opts in forms.items()},
           # per form: the weights of Optimizers14Golden's variables after each of three steps of its GRADS
           "steps": {name: [three_steps(o) for o in opts] for name, opts in forms.items()}}
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "configs":
        emit_configs()
    else:
        emit_golden()
