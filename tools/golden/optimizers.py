"""Golden values for strata-core's dev.strata.optimizers tests (OptimizerGoldenTest).

Runs Keras 3 optimizers eagerly (op by op, float32) on fixed weights and gradients and prints the
weights after every step as Java float literals, ready to paste into the test. Run with:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers.py

With the argument `weight_decay` it writes instead the generated Java class WeightDecayGolden (weight decay on
SGD, Adam and RMSprop; AdamW with its defaults, other hyperparameters, amsgrad, clipping and
exclude_from_weight_decay; the get_config() of AdamW and of optimizers with weight decay), used by
WeightDecayGoldenTest:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers.py weight_decay \
        > strata-core/src/test/java/dev/strata/optimizers/WeightDecayGolden.java

With the argument `configs` it writes instead the JSON resource of Keras's serialized optimizers
(`keras.saving.serialize_keras_object` of each optimizer class Strata has, with Keras's defaults and with other
arguments), used by OptimizerConfigTest:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/optimizers.py configs \
        > strata-core/src/test/resources/keras-golden/optimizer_configs.json

Produced with Keras 3.15.1 on the JAX backend (CPU). CI never runs this script.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

# Two variables: a (2, 2) matrix and a (3,) vector.
W0 = [np.array([[1.0, -2.0], [3.0, -4.0]], "float32"), np.array([0.5, 0.0, -1.0], "float32")]
# Gradients for four steps (changing every step; zeros included to hit edge cases of clipping).
GRADS = [
    [[[0.5, -0.25], [1.0, 2.0]], [0.1, -0.2, 0.3]],
    [[[-0.3, 0.8], [0.05, -1.5]], [0.0, 0.4, -0.1]],
    [[[0.2, 0.2], [-0.7, 0.01]], [-0.5, 0.25, 0.125]],
    [[[1e-3, -2.5], [0.6, 0.0]], [0.3, -0.3, 0.0]],
]
# Small gradients (global norm < 1) to show that global_clipnorm rescales by clip * (1 / clip) even then.
SMALL = [[[[0.01, -0.02], [0.03, 0.0]], [0.05, -0.01, 0.002]]] * 3


def lit(x):
    """A float32 as the shortest Java float literal that parses back to it."""
    s = np.format_float_positional(np.float32(x), unique=True, trim="0")
    if "e" not in s and abs(float(x)) != 0 and (abs(float(x)) < 1e-4):
        s = np.format_float_scientific(np.float32(x), unique=True, trim="0")
    return s + "f"


def arr(a):
    return "{" + ", ".join(lit(x) for x in np.asarray(a, "float32").ravel()) + "}"


def run(title, make, grads=GRADS, weights=W0, drop=()):
    """Applies `grads` step by step; `drop` holds (step, variable) pairs whose gradient is None."""
    opt = make()
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(weights, ["kernel", "bias"])]
    print(f"// {title}")
    print("{")
    for step, gs in enumerate(grads):
        gl = [None if (step, i) in drop else np.array(g, "float32") for i, g in enumerate(gs)]
        opt.apply(gl, vs)
        print("    {" + ", ".join(arr(v.numpy()) for v in vs) + "},")
    print("}")
    print(f"// iterations={int(opt.iterations.numpy())}")
    return opt


O = keras.optimizers


def print_listing():
    print("// ---- keras-reference.md 3.3 (w0 = [1, -2], constant g = [0.5, -0.25], two steps)")
    ref_w = [np.array([1.0, -2.0], "float32")]
    ref_g = [[[0.5, -0.25]]] * 2
    for title, make in [
        ("Adam()", lambda: O.Adam()),
        ("SGD(0.1, momentum=0.9)", lambda: O.SGD(0.1, momentum=0.9)),
        ("SGD(0.1, momentum=0.9, nesterov=True)", lambda: O.SGD(0.1, momentum=0.9, nesterov=True)),
        ("RMSprop()", lambda: O.RMSprop()),
    ]:
        run(title, make, grads=ref_g, weights=ref_w)

    print("// ---- two variables, four steps with changing gradients")
    cases = [
        ("SGD(learning_rate=0.1)", lambda: O.SGD(0.1)),
        ("SGD(learning_rate=0.05, momentum=0.5, nesterov=True)", lambda: O.SGD(0.05, momentum=0.5, nesterov=True)),
        ("RMSprop(learning_rate=0.01, momentum=0.9)", lambda: O.RMSprop(0.01, momentum=0.9)),
        ("RMSprop(learning_rate=0.01, centered=True)", lambda: O.RMSprop(0.01, centered=True)),
        ("RMSprop(learning_rate=0.02, rho=0.8, momentum=0.5, epsilon=1e-3, centered=True)",
         lambda: O.RMSprop(0.02, rho=0.8, momentum=0.5, epsilon=1e-3, centered=True)),
        ("Adam(learning_rate=0.01, amsgrad=True)", lambda: O.Adam(0.01, amsgrad=True)),
        ("Adam(learning_rate=0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
         lambda: O.Adam(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4)),
        ("Adam(learning_rate=0.01, clipnorm=0.5)", lambda: O.Adam(0.01, clipnorm=0.5)),
        ("SGD(learning_rate=0.1, clipnorm=0.7)", lambda: O.SGD(0.1, clipnorm=0.7)),
        ("SGD(learning_rate=0.1, clipvalue=0.3)", lambda: O.SGD(0.1, clipvalue=0.3)),
        ("SGD(learning_rate=0.1, momentum=0.9, global_clipnorm=1.0)",
         lambda: O.SGD(0.1, momentum=0.9, global_clipnorm=1.0)),
    ]
    for title, make in cases:
        run(title, make)

    print("// ---- small gradients under global_clipnorm=3.0 (scale = 3 * float32(1/3), not 1)")
    run("SGD(learning_rate=1.0, global_clipnorm=3.0)", lambda: O.SGD(1.0, global_clipnorm=3.0), grads=SMALL)

    print("// ---- missing gradients: step 1 has none for bias, step 3 none for kernel")
    opt = run("Adam(learning_rate=0.01) with None gradients", lambda: O.Adam(0.01), drop={(0, 1), (2, 0)})
    print("// its variables (name, shape, value)")
    for v in opt.variables:
        print(f"//   {v.name} {tuple(v.shape)} {arr(v.numpy())}")

    print("// ---- twelve steps of Adam (bias correction far from step 1)")
    run("Adam() x12", lambda: O.Adam(), grads=GRADS * 3)

    print("// ---- slots of RMSprop(momentum=0.5, centered=True) after the four steps")
    opt = run("RMSprop(learning_rate=0.01, momentum=0.5, centered=True)",
              lambda: O.RMSprop(0.01, momentum=0.5, centered=True))
    for v in opt.variables:
        print(f"//   {v.name} {tuple(v.shape)} {arr(v.numpy())}")


# ---- weight decay and AdamW: the generated class WeightDecayGolden -------------------------------------------

def trajectory(make, grads=GRADS, drop=()):
    """Weights after every step and the optimizer's variables at the end; `make(vs)` may use the variables."""
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(W0, ["kernel", "bias"])]
    opt = make(vs)
    steps = []
    for step, gs in enumerate(grads):
        opt.apply([None if (step, i) in drop else np.array(g, "float32") for i, g in enumerate(gs)], vs)
        steps.append([v.numpy() for v in vs])
    assert int(opt.iterations.numpy()) == len(grads)
    return steps, [(v.name, v.numpy()) for v in opt.variables]


def weight_decay_cases():
    """(id, Keras expression, Strata expression of vars, make(vs), twelve steps?, dropped gradients)."""
    return [
        ("sgd", "SGD(learning_rate=0.1, weight_decay=0.05)",
         "new SGD(0.1f).weightDecay(0.05f)", lambda vs: O.SGD(0.1, weight_decay=0.05), False, ()),
        ("sgd_decay_order", "SGD(learning_rate=0.17, weight_decay=0.34): (w * wd) * lr and w * (wd * lr) round "
         "differently here, in 8 of the 28 values",
         "new SGD(0.17f).weightDecay(0.34f)", lambda vs: O.SGD(0.17, weight_decay=0.34), False, ()),
        ("sgd_nesterov", "SGD(learning_rate=0.05, momentum=0.9, nesterov=True, weight_decay=0.1)",
         "new SGD(0.05f, 0.9f, true).weightDecay(0.1f)",
         lambda vs: O.SGD(0.05, momentum=0.9, nesterov=True, weight_decay=0.1), False, ()),
        ("sgd_exclude_bias", "SGD(learning_rate=0.1, weight_decay=0.1), exclude_from_weight_decay(var_names=['bias'])",
         "new SGD(0.1f).weightDecay(0.1f).excludeFromWeightDecay(\"bias\")",
         lambda vs: excluded(O.SGD(0.1, weight_decay=0.1), var_names=["bias"]), False, ()),
        ("adam", "Adam(learning_rate=0.01, weight_decay=0.05)",
         "new Adam(0.01f).weightDecay(0.05f)", lambda vs: O.Adam(0.01, weight_decay=0.05), False, ()),
        ("adam_missing_gradients", "Adam(learning_rate=0.01, weight_decay=0.1); no gradient for bias at step 1, "
         "none for kernel at step 3 (no decay either)",
         "new Adam(0.01f).weightDecay(0.1f)", lambda vs: O.Adam(0.01, weight_decay=0.1), False, ((0, 1), (2, 0))),
        ("rmsprop", "RMSprop(learning_rate=0.01, momentum=0.5, centered=True, weight_decay=0.1)",
         "new RMSprop(0.01f).momentum(0.5f).centered(true).weightDecay(0.1f)",
         lambda vs: O.RMSprop(0.01, momentum=0.5, centered=True, weight_decay=0.1), False, ()),
        ("adamw_defaults", "AdamW(), twelve steps",
         "new AdamW()", lambda vs: O.AdamW(), True, ()),
        ("adamw_hyperparameters", "AdamW(learning_rate=0.02, weight_decay=0.1, beta_1=0.8, beta_2=0.95, epsilon=1e-4)",
         "new AdamW(0.02f, 0.1f, 0.8f, 0.95f, 1e-4f)",
         lambda vs: O.AdamW(0.02, weight_decay=0.1, beta_1=0.8, beta_2=0.95, epsilon=1e-4), False, ()),
        ("adamw_amsgrad", "AdamW(learning_rate=0.01, weight_decay=0.05, amsgrad=True)",
         "new AdamW(0.01f, 0.05f).amsgrad(true)",
         lambda vs: O.AdamW(0.01, weight_decay=0.05, amsgrad=True), False, ()),
        ("adamw_clipnorm", "AdamW(learning_rate=0.01, weight_decay=0.05, clipnorm=0.5)",
         "new AdamW(0.01f, 0.05f).clipnorm(0.5f)",
         lambda vs: O.AdamW(0.01, weight_decay=0.05, clipnorm=0.5), False, ()),
        ("adamw_global_clipnorm", "AdamW(learning_rate=0.01, global_clipnorm=1.0)",
         "new AdamW(0.01f).globalClipnorm(1f)", lambda vs: O.AdamW(0.01, global_clipnorm=1.0), False, ()),
        ("adamw_clipvalue", "AdamW(learning_rate=0.01, weight_decay=0.1, clipvalue=0.3)",
         "new AdamW(0.01f, 0.1f).clipvalue(0.3f)",
         lambda vs: O.AdamW(0.01, weight_decay=0.1, clipvalue=0.3), False, ()),
        ("adamw_exclude_names", "AdamW(learning_rate=0.01, weight_decay=0.1), "
         "exclude_from_weight_decay(var_names=['bias'])",
         "new AdamW(0.01f, 0.1f).excludeFromWeightDecay(\"bias\")",
         lambda vs: excluded(O.AdamW(0.01, weight_decay=0.1), var_names=["bias"]), False, ()),
        ("adamw_exclude_pattern", "AdamW(learning_rate=0.01, weight_decay=0.1), "
         "exclude_from_weight_decay(var_names=['er.e', 'gamma']) (regular expressions searched in the name)",
         "new AdamW(0.01f, 0.1f).excludeFromWeightDecay(\"er.e\", \"gamma\")",
         lambda vs: excluded(O.AdamW(0.01, weight_decay=0.1), var_names=["er.e", "gamma"]), False, ()),
        ("adamw_exclude_variables", "AdamW(learning_rate=0.01, weight_decay=0.1), "
         "exclude_from_weight_decay(var_list=[kernel])",
         "new AdamW(0.01f, 0.1f).excludeFromWeightDecay(List.of(vars.get(0)), null)",
         lambda vs: excluded(O.AdamW(0.01, weight_decay=0.1), var_list=[vs[0]]), False, ()),
    ]


def excluded(opt, var_list=None, var_names=None):
    opt.exclude_from_weight_decay(var_list=var_list, var_names=var_names)
    return opt


def config_cases():
    """(id, Strata expression, Keras optimizer)."""
    return [
        ("adamw_defaults", "new AdamW()", O.AdamW()),
        ("adamw_all", "new AdamW(0.02f, 0.1f, 0.8f, 0.95f, 1e-4f).amsgrad(true).clipnorm(0.5f).name(\"w\")",
         O.AdamW(0.02, weight_decay=0.1, beta_1=0.8, beta_2=0.95, epsilon=1e-4, amsgrad=True, clipnorm=0.5,
                 name="w")),
        ("adam_weight_decay", "new Adam().weightDecay(0.05f).name(\"a\")", O.Adam(weight_decay=0.05, name="a")),
        ("sgd_weight_decay", "new SGD(0.1f, 0.9f, false).weightDecay(0.01f).name(\"s\")",
         O.SGD(0.1, momentum=0.9, weight_decay=0.01, name="s")),
        ("rmsprop_weight_decay", "new RMSprop().weightDecay(0.004f).name(\"r\")",
         O.RMSprop(weight_decay=0.004, name="r")),
    ]


def jvalue(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v + '"'
    if isinstance(v, float):
        return repr(v)
    raise TypeError(v)


def steps_literal(steps):
    return "new float[][][] {\n" + "".join(
        "                {" + ", ".join(arr(w) for w in ws) + "},\n" for ws in steps) + "            }"


def emit_weight_decay():
    configs = config_cases()  # first, so that AdamW() gets Keras's first auto name, "adam_w"
    out = ["package dev.strata.optimizers;",
           "",
           "import dev.strata.tensor.Variable;",
           "import java.util.Collections;",
           "import java.util.LinkedHashMap;",
           "import java.util.List;",
           "import java.util.Map;",
           "import java.util.Set;",
           "import java.util.function.Function;",
           "import java.util.function.Supplier;",
           "",
           "/**",
           " * Reference values of Keras " + keras.__version__ + " optimizers with weight decay, and of AdamW (" +
           keras.backend.backend() + " backend, eager",
           " * float32). Generated by {@code tools/golden/optimizers.py weight_decay}; do not edit by hand.",
           " */",
           "final class WeightDecayGolden {",
           "    /** The starting weights: a (2, 2) \"kernel\" and a (3,) \"bias\". */",
           "    static final float[][] W0 = {" + ", ".join(arr(w) for w in W0) + "};",
           "    static final int[][] SHAPES = {" + ", ".join(
               "{" + ", ".join(str(d) for d in w.shape) + "}" for w in W0) + "};",
           "    /** Four steps of gradients; the twelve-step cases repeat them. */",
           "    static final float[][][] GRADS = {",
           *["        {" + ", ".join(arr(g) for g in gs) + "}," for gs in GRADS],
           "    };",
           "",
           "    /**",
           "     * One run: {@code optimizer} gets the variables (kernel, bias) before the first step; {@code drop}",
           "     * holds the \"step:variable\" pairs whose gradient is null; {@code steps} are the weights after each",
           "     * step; {@code variables} the optimizer's variables at the end (names and values), in Keras's order.",
           "     */",
           "    record Case(String id, String keras, Function<List<Variable>, Optimizer> optimizer, int stepCount,",
           "                Set<String> drop, float[][][] steps, List<String> variableNames, float[][] variables) {",
           "        @Override",
           "        public String toString() {",
           "            return id;",
           "        }",
           "    }",
           "",
           "    static final List<Case> CASES = List.of("]
    blocks = []
    for cid, keras_expr, java, make, twelve, drop in weight_decay_cases():
        grads = GRADS * 3 if twelve else GRADS
        steps, variables = trajectory(make, grads, drop)
        dropj = "Set.of(" + ", ".join(f'"{s}:{i}"' for s, i in drop) + ")"
        names = "List.of(" + ", ".join(f'"{n}"' for n, _ in variables) + ")"
        values = "new float[][] {\n" + "".join(f"                {arr(v)},\n" for _, v in variables) + "            }"
        blocks.append(f"        new Case(\"{cid}\", \"{keras_expr}\",\n"
                      f"            vars -> {java}, {len(grads)}, {dropj},\n"
                      f"            {steps_literal(steps)},\n"
                      f"            {names},\n"
                      f"            {values})")
    out.append(",\n".join(blocks) + ");")
    out += ["",
            "    /** An optimizer and Keras's {@code get_config()} of the same optimizer. */",
            "    record ConfigCase(String id, Supplier<Optimizer> optimizer, Map<String, Object> config) {",
            "        @Override",
            "        public String toString() {",
            "            return id;",
            "        }",
            "    }",
            "",
            "    static final List<ConfigCase> CONFIGS = List.of("]
    blocks = []
    for cid, java, opt in configs:
        kv = ",\n".join(f'                "{k}", {jvalue(v)}' for k, v in opt.get_config().items())
        blocks.append(f"        new ConfigCase(\"{cid}\", () -> {java},\n            config(\n{kv}))")
    out.append(",\n".join(blocks) + ");")
    out += ["",
            "    private static Map<String, Object> config(Object... keysAndValues) {",
            "        Map<String, Object> m = new LinkedHashMap<>();",
            "        for (int i = 0; i < keysAndValues.length; i += 2) {",
            "            m.put((String) keysAndValues[i], keysAndValues[i + 1]);",
            "        }",
            "        return Collections.unmodifiableMap(m);",
            "    }",
            "",
            "    private WeightDecayGolden() {",
            "    }",
            "}"]
    print("\n".join(out))


# ---- configs --------------------------------------------------------------------------------------------------

# Every optimizer class Strata has: Keras's defaults first, then other arguments (each class's own and the ones every
# optimizer has: name, learning_rate, weight_decay, one of the three clipping options).
OPTIMIZER_CONFIGS = {
    "SGD": [dict(learning_rate=0.1, momentum=0.9, nesterov=True, clipnorm=1.0, name="s"),
            dict(momentum=0.5, weight_decay=0.01, global_clipnorm=2.0)],
    "Adam": [dict(learning_rate=3e-4, beta_1=0.8, beta_2=0.99, epsilon=1e-6, amsgrad=True, clipvalue=0.5, name="a"),
             dict(weight_decay=0.05, clipnorm=0.25)],
    "AdamW": [dict(learning_rate=0.02, weight_decay=0.1, beta_1=0.85, beta_2=0.95, epsilon=1e-4, amsgrad=True,
                   global_clipnorm=1.5, name="w"),
              dict(weight_decay=0.0, clipvalue=3.0)],
    "RMSprop": [dict(learning_rate=0.01, rho=0.8, momentum=0.5, epsilon=1e-5, centered=True, clipnorm=2.0, name="r"),
                dict(weight_decay=0.004, momentum=0.25)],
}


def emit_configs():
    out = {"generated_by": "tools/golden/optimizers.py configs (generated, do not edit)",
           "keras_version": keras.__version__,
           "optimizers": {name: [keras.saving.serialize_keras_object(getattr(O, name)())]
                          + [keras.saving.serialize_keras_object(getattr(O, name)(**kw)) for kw in cases]
                          for name, cases in OPTIMIZER_CONFIGS.items()}}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "weight_decay":
        emit_weight_decay()
    elif len(sys.argv) > 1 and sys.argv[1] == "configs":
        emit_configs()
    else:
        print_listing()
