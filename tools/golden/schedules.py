"""Golden values for learning-rate schedules and Keras's base optimizer options (issue 14).

Runs Keras 3 eagerly (float32, JAX backend) and writes three files under strata-core/src/test:

- java/dev/strata/optimizers/schedules/ScheduleGolden.java: every schedule's value at steps 0..59 (warm-up,
  restarts, staircase, cycle and boundaries included), used by ScheduleGoldenTest;
- java/dev/strata/optimizers/OptimizerOptionsGolden.java: optimizers driven by a schedule, with use_ema (and
  ema_overwrite_frequency), gradient_accumulation_steps, loss_scale_factor and LossScaleOptimizer (a non-finite step
  included): the weights after every apply, the optimizer's variables at the end (names and values, Keras's order),
  iterations, the learning rate, and the weights after finalize_variable_values; and one fit of a Dense model with
  loss_scale_factor and use_ema; used by OptimizerOptionsGoldenTest. The LossScaleOptimizer runs come from the NumPy
  backend (see run_elsewhere), the others from JAX's eager ops; inside Keras's ops.cond (gradient accumulation on JAX)
  XLA divides by a reciprocal, which Strata follows;
- resources/keras-golden/schedule_configs.json: keras.saving.serialize_keras_object of each schedule and of optimizers
  using these options, used by ScheduleConfigTest and LossScaleOptimizerTest.

Run from the repository root:

    KERAS_BACKEND=jax /work/venv/bin/python tools/golden/schedules.py

Produced with Keras 3.15.1 on the JAX backend (CPU). CI never runs this script.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from _common import arr, dlit, java_class, lit  # noqa: E402

S = keras.optimizers.schedules
O = keras.optimizers
TEST = "strata-core/src/test"
STEPS = 60

# Each schedule case: a Java expression making the same schedule, and the Keras schedule.
SCHEDULES = [
    ("new ExponentialDecay(0.1f, 10, 0.96f)", S.ExponentialDecay(0.1, 10, 0.96)),
    ("new ExponentialDecay(0.1f, 7, 0.5f, true)", S.ExponentialDecay(0.1, 7, 0.5, staircase=True)),
    ("new PiecewiseConstantDecay(new long[] {10, 20}, new float[] {1.0f, 0.5f, 0.1f})",
     S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])),
    ("new PiecewiseConstantDecay(List.of(2.7, 7, 30), List.of(0.3, 0.2, 0.1, 0.05), \"pc\")",
     S.PiecewiseConstantDecay([2.7, 7, 30], [0.3, 0.2, 0.1, 0.05], name="pc")),
    ("new PolynomialDecay(0.1f, 10)", S.PolynomialDecay(0.1, 10)),
    ("new PolynomialDecay(0.1f, 10, 0.01f, 0.5f, false, \"PolynomialDecay\")",
     S.PolynomialDecay(0.1, 10, 0.01, power=0.5)),
    ("new PolynomialDecay(0.1f, 12, 0.02f, 2f, true, \"PolynomialDecay\")",
     S.PolynomialDecay(0.1, 12, 0.02, power=2.0, cycle=True)),
    ("new InverseTimeDecay(0.1f, 5, 0.5f)", S.InverseTimeDecay(0.1, 5, 0.5)),
    ("new InverseTimeDecay(0.1f, 5, 0.5f, true, \"InverseTimeDecay\")",
     S.InverseTimeDecay(0.1, 5, 0.5, staircase=True)),
    ("new CosineDecay(0.1f, 20)", S.CosineDecay(0.1, 20)),
    ("new CosineDecay(0.1f, 20, 0.1f, \"CosineDecay\", null, 0)", S.CosineDecay(0.1, 20, alpha=0.1)),
    ("new CosineDecay(0f, 20, 0f, \"CosineDecay\", 0.2f, 5)",
     S.CosineDecay(0.0, 20, warmup_target=0.2, warmup_steps=5)),
    ("new CosineDecay(0.01f, 30, 0.05f, \"warm\", 0.1f, 10)",
     S.CosineDecay(0.01, 30, alpha=0.05, name="warm", warmup_target=0.1, warmup_steps=10)),
    ("new CosineDecayRestarts(0.1f, 10)", S.CosineDecayRestarts(0.1, 10)),
    ("new CosineDecayRestarts(0.1f, 10, 1f, 0.5f, 0.05f, \"SGDRDecay\")",
     S.CosineDecayRestarts(0.1, 10, t_mul=1.0, m_mul=0.5, alpha=0.05)),
    ("new CosineDecayRestarts(0.1f, 7, 1.5f, 0.9f, 0.1f, \"SGDRDecay\")",
     S.CosineDecayRestarts(0.1, 7, t_mul=1.5, m_mul=0.9, alpha=0.1)),
]


def schedule_values(s):
    return [np.float32(s(keras.ops.convert_to_tensor(step, dtype="int32"))) for step in range(STEPS)]


def schedule_class():
    body = [f"static final int STEPS = {STEPS};", "", "/** Java expression, value at steps 0..STEPS-1. */",
            "static final Object[][] CASES = {"]
    for expr, s in SCHEDULES:
        body.append(f"    {{{json.dumps(expr)}, {arr(schedule_values(s))}}},")
    body.append("};")
    return java_class("dev.strata.optimizers.schedules", "ScheduleGolden", "tools/golden/schedules.py", body,
                      doc="Learning-rate schedules' values from Keras")


# ---- optimizer runs ----------------------------------------------------------------------------------------------

W0 = [np.array([[1.0, -2.0], [3.0, -4.0]], "float32"), np.array([0.5, 0.0, -1.0], "float32")]
GRADS = [
    [[[0.5, -0.25], [1.0, 2.0]], [0.1, -0.2, 0.3]],
    [[[-0.3, 0.8], [0.05, -1.5]], [0.0, 0.4, -0.1]],
    [[[0.2, 0.2], [-0.7, 0.01]], [-0.5, 0.25, 0.125]],
    [[[1e-3, -2.5], [0.6, 0.0]], [0.3, -0.3, 0.0]],
]
INF = float("inf")
NAN = float("nan")
# For LossScaleOptimizer: finite, finite (the scale doubles), inf (skipped, halved), nan (skipped), finite x4.
LSO_GRADS = [GRADS[0], GRADS[1], [[[INF, 0.0], [0.0, 0.0]], [0.0, 0.0, 0.0]],
             [[[0.0, 0.0], [0.0, 0.0]], [0.0, NAN, 0.0]], GRADS[2], GRADS[3], GRADS[0], GRADS[1]]

# id, Java expression, Keras optimizer factory, gradients, dropped (step, variable) gradients
RUNS = [
    ("sgd_exp", "new SGD(0.1f, 0.9f, false).learningRate(new ExponentialDecay(0.1f, 2, 0.5f))",
     lambda: O.SGD(S.ExponentialDecay(0.1, 2, 0.5), momentum=0.9), GRADS + GRADS[:2], ()),
    ("adam_cosine_warmup",
     "new Adam().learningRate(new CosineDecay(0f, 4, 0f, \"CosineDecay\", 0.05f, 2))",
     lambda: O.Adam(S.CosineDecay(0.0, 4, warmup_target=0.05, warmup_steps=2)), GRADS + GRADS[:2], ()),
    ("rms_piecewise",
     "new RMSprop().learningRate(new PiecewiseConstantDecay(new long[] {1, 3}, new float[] {0.1f, 0.05f, 0.01f}))",
     lambda: O.RMSprop(S.PiecewiseConstantDecay([1, 3], [0.1, 0.05, 0.01])), GRADS + GRADS[:1], ()),
    ("sgd_ema", "new SGD(0.1f, 0.5f, false).useEma(true).emaMomentum(0.9f)",
     lambda: O.SGD(0.1, momentum=0.5, use_ema=True, ema_momentum=0.9), GRADS, ()),
    ("adam_ema_overwrite", "new Adam(0.05f).useEma(true).emaMomentum(0.8f).emaOverwriteFrequency(3)",
     lambda: O.Adam(0.05, use_ema=True, ema_momentum=0.8, ema_overwrite_frequency=3), GRADS + GRADS, ()),
    ("adam_accumulate", "new Adam(0.05f).gradientAccumulationSteps(3)",
     lambda: O.Adam(0.05, gradient_accumulation_steps=3), GRADS + GRADS, ((1, 1),)),
    ("sgd_accumulate_schedule_ema",
     "new SGD(0.1f, 0.9f, false).learningRate(new InverseTimeDecay(0.1f, 1, 0.5f)).gradientAccumulationSteps(2)"
     ".useEma(true).emaOverwriteFrequency(2)",
     lambda: O.SGD(S.InverseTimeDecay(0.1, 1, 0.5), momentum=0.9, gradient_accumulation_steps=2, use_ema=True,
                   ema_overwrite_frequency=2), GRADS + GRADS, ()),
    ("sgd_loss_scale_factor", "new SGD(0.1f).lossScaleFactor(128f)",
     lambda: O.SGD(0.1, loss_scale_factor=128.0), GRADS, ()),
    ("adamw_clip_accumulate", "new AdamW(0.01f).weightDecay(0.1f).clipvalue(0.3f).gradientAccumulationSteps(2)",
     lambda: O.AdamW(0.01, weight_decay=0.1, clipvalue=0.3, gradient_accumulation_steps=2), GRADS + GRADS[:2], ()),
    ("lso_sgd", "new LossScaleOptimizer(new SGD(0.1f, 0.9f, false), 8f, 2)",
     lambda: O.LossScaleOptimizer(O.SGD(0.1, momentum=0.9), initial_scale=8.0, dynamic_growth_steps=2),
     LSO_GRADS, ()),
    ("lso_adam_ema_schedule",
     "new LossScaleOptimizer(new Adam().learningRate(new ExponentialDecay(0.01f, 2, 0.9f)).useEma(true))",
     lambda: O.LossScaleOptimizer(O.Adam(S.ExponentialDecay(0.01, 2, 0.9), use_ema=True)), LSO_GRADS, ()),
]


def run(make, grads, drop):
    vs = [keras.Variable(w.copy(), name=n) for w, n in zip(W0, ["kernel", "bias"])]
    opt = make()
    steps = []
    for step, gs in enumerate(grads):
        opt.apply([None if (step, i) in drop else np.array(g, "float32") for i, g in enumerate(gs)], vs)
        steps.append(np.concatenate([v.numpy().ravel() for v in vs]))
    state = [(v.name, np.asarray(v.numpy(), "float32").ravel()) for v in opt.variables]
    iterations = int(np.asarray(opt.iterations))
    lr = np.float32(keras.ops.convert_to_numpy(opt.learning_rate))
    opt.finalize_variable_values(vs)
    final = np.concatenate([v.numpy().ravel() for v in vs])
    return steps, state, iterations, lr, final


def run_elsewhere(rid):
    """A LossScaleOptimizer run, eagerly on the NumPy backend: on JAX its apply leaks tracers from ops.cond, and its
    stateless_apply compiles the whole step under lax.cond (fused, reordered float32), unlike every other golden."""
    import subprocess
    env = dict(os.environ, KERAS_BACKEND="numpy")
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--run", rid], env=env, check=True,
                         capture_output=True, text=True).stdout
    d = json.loads(out.strip().splitlines()[-1])
    f32 = lambda a: np.array(a, "float32")  # noqa: E731
    return ([f32(s) for s in d["steps"]], [(n, f32(v)) for n, v in d["state"]], d["iterations"],
            np.float32(d["lr"]), f32(d["final"]))


def print_run(rid):
    for r, _, make, grads, drop in RUNS:
        if r == rid:
            steps, state, iterations, lr, final = run(make, grads, drop)
            print(json.dumps({"steps": [s.tolist() for s in steps], "state": [(n, v.tolist()) for n, v in state],
                              "iterations": iterations, "lr": float(lr), "final": final.tolist()}))


def fit_case():
    """A Dense(1) model on 6 samples, batch 2, 2 epochs, no shuffle: SGD with loss_scale_factor and use_ema."""
    x = np.arange(12, dtype="float32").reshape(6, 2) / 10.0
    y = np.array([[1.0], [0.0], [2.0], [-1.0], [0.5], [1.5]], "float32")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.set_weights([np.array([[0.5], [-0.25]], "float32"), np.array([0.1], "float32")])
    model.compile(O.SGD(0.1, momentum=0.5, loss_scale_factor=4.0, use_ema=True, ema_momentum=0.5), "mse")
    hist = model.fit(x, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
    return x, y, [np.float32(v) for v in hist.history["loss"]], np.concatenate(
        [w.ravel() for w in model.get_weights()]), [np.asarray(v.numpy(), "float32").ravel()
                                                     for v in model.optimizer.variables]


def options_class():
    body = [f"static final float[][] W0 = {{{arr(W0[0])}, {arr(W0[1])}}};",
            "static final float[][][] GRADS = {"]
    for gs in GRADS:
        body.append(f"    {{{arr(gs[0])}, {arr(gs[1])}}},")
    body += ["};", "static final float[][][] LSO_GRADS = {"]
    for gs in LSO_GRADS:
        body.append(f"    {{{arr(gs[0])}, {arr(gs[1])}}},")
    body += ["};", "",
             "/** One run: id, Java expression, steps, dropped {step, variable}, weights after each step, state names,",
             " * state values (flattened), iterations, learning rate at the end, weights after finalize. */",
             "record Run(String id, String java, int steps, int[][] dropped, float[][] weights, String[] stateNames,",
             "        float[][] state, long iterations, float learningRate, float[] finalized) {",
             "}", "", "static final java.util.List<Run> RUNS = java.util.List.of("]
    entries = []
    for rid, java, make, grads, drop in RUNS:
        steps, state, iterations, lr, final = (run_elsewhere(rid) if rid.startswith("lso")
                                               else run(make, grads, drop))
        e = [f"    new Run({json.dumps(rid)}, {json.dumps(java)}, {len(grads)},",
             "        new int[][] {" + ", ".join(f"{{{a}, {b}}}" for a, b in drop) + "},",
             "        new float[][] {"]
        e += [f"            {arr(s)}," for s in steps]
        e += ["        },",
              "        new String[] {" + ", ".join(json.dumps(n) for n, _ in state) + "},",
              "        new float[][] {" + ", ".join(arr(v) for _, v in state) + "},",
              f"        {iterations}L, {lit(lr)}, {arr(final)})"]
        entries.append("\n".join(e))
    body += (",\n".join(entries)).split("\n")
    body.append(");")
    x, y, losses, weights, opt_vars = fit_case()
    body += ["", "// fit: Dense(1) from kernel [[0.5], [-0.25]], bias [0.1]; SGD(0.1, momentum=0.5,",
             "// loss_scale_factor=4, use_ema=True, ema_momentum=0.5); mse; batch 2, 2 epochs, no shuffle",
             f"static final float[] FIT_X = {arr(x)};", f"static final float[] FIT_Y = {arr(y)};",
             f"static final float[] FIT_LOSSES = {arr(losses)};",
             f"static final float[] FIT_WEIGHTS = {arr(weights)};",
             "static final float[][] FIT_OPTIMIZER_VARIABLES = {" + ", ".join(arr(v) for v in opt_vars) + "};"]
    return java_class("dev.strata.optimizers", "OptimizerOptionsGolden", "tools/golden/schedules.py", body,
                      doc="Optimizers with schedules, EMA, gradient accumulation and loss scaling, from Keras")


# ---- configs -----------------------------------------------------------------------------------------------------

def configs():
    ser = keras.saving.serialize_keras_object
    schedules = {}
    for _, s in SCHEDULES:
        schedules.setdefault(type(s).__name__, []).append(ser(s))
    for s in [S.ExponentialDecay(0.5, 3, 0.25, name="e"), S.CosineDecay(1.0, 100, warmup_target=None),
              S.CosineDecayRestarts(0.25, 3, name="r")]:
        schedules[type(s).__name__].append(ser(s))
    optimizers = [
        ser(O.SGD(S.ExponentialDecay(0.1, 2, 0.5), momentum=0.9, name="sgd_sched")),
        ser(O.Adam(S.CosineDecay(0.0, 4, warmup_target=0.05, warmup_steps=2), use_ema=True, ema_momentum=0.9,
                   ema_overwrite_frequency=5, name="adam_ema")),
        ser(O.AdamW(0.01, gradient_accumulation_steps=4, loss_scale_factor=64.0, name="adamw_opts")),
        ser(O.RMSprop(S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1]), name="rms_pc")),
    ]
    lso = [
        ser(O.LossScaleOptimizer(O.SGD(0.1, name="inner_sgd"), name="lso")),
        ser(O.LossScaleOptimizer(O.Adam(S.PolynomialDecay(0.1, 10), use_ema=True, name="inner_adam"),
                                 initial_scale=128.0, dynamic_growth_steps=10, name="lso_2")),
    ]
    return {"keras_version": keras.__version__, "schedules": schedules, "optimizers": optimizers,
            "loss_scale_optimizers": lso}


def main():
    with open(f"{TEST}/java/dev/strata/optimizers/schedules/ScheduleGolden.java", "w") as f:
        f.write(schedule_class())
    with open(f"{TEST}/java/dev/strata/optimizers/OptimizerOptionsGolden.java", "w") as f:
        f.write(options_class())
    with open(f"{TEST}/resources/keras-golden/schedule_configs.json", "w") as f:
        json.dump(configs(), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        print_run(sys.argv[2])
    else:
        main()
