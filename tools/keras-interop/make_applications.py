"""The Keras Applications as .keras files with goldens, for Strata's ApplicationsInteropTest; and the reverse check.

Mode `make` (default) builds each application of keras.applications with weights=None and a fixed seed, at the
smallest input it accepts, and writes into OUT_DIR:
  <name>.keras           the model as Keras saves it (not compiled)
  <name>_golden.h5       datasets `input` (a fixed random batch of 2, float32) and `output` (Keras's predictions)
Weights are Keras's own random initialization (seed 12), except that every BatchNormalization's gamma, beta,
moving mean and moving variance, and ConvNeXt's LayerScale gamma (initialized to 1e-6, which would hide its
residual branch) are redrawn from a seeded generator, so that the goldens exercise them (axis, epsilon).

    KERAS_BACKEND=jax /work/venv/bin/python tools/keras-interop/make_applications.py make OUT_DIR [NAME ...]
    KERAS_BACKEND=jax /work/venv/bin/python tools/keras-interop/make_applications.py small
        (writes the small ones, those marked commit=True, to strata-core/src/test/resources/keras-applications/)

Mode `check` is the other direction: for every <name>_strata.keras in DIR (written by ApplicationsInteropTest after
Strata loaded <name>.keras and saved it again, with <name>_golden.h5 beside it), Python Keras loads Strata's file
with no custom objects beyond Keras's own and must predict the golden within 1e-4.

    KERAS_BACKEND=jax /work/venv/bin/python tools/keras-interop/make_applications.py check DIR

Mode `bench` writes resnet50_224.keras and mobilenet_v2_224.keras (224x224x3, 1000 classes) for benchmark W6:

    KERAS_BACKEND=jax /work/venv/bin/python tools/keras-interop/make_applications.py bench DIR

Keras 3.15.1, JAX backend.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SMALL_DIR = os.path.join(ROOT, "strata-core/src/test/resources/keras-applications")
SEED = 12
A = keras.applications

def resnet_mini(s):
    """ResNet50's own code (keras.src.applications.resnet.ResNet, bottleneck blocks v1) with 1-2 blocks of 8-64
    filters per stage instead of 3-6 of 64-512."""
    from keras.src.applications.resnet import ResNet, stack_residual_blocks_v1

    def stack_fn(x):
        x = stack_residual_blocks_v1(x, 8, 1, stride1=1, name="conv2")
        x = stack_residual_blocks_v1(x, 16, 2, name="conv3")
        x = stack_residual_blocks_v1(x, 32, 1, name="conv4")
        return stack_residual_blocks_v1(x, 64, 1, name="conv5")

    return ResNet(stack_fn, False, True, name="resnet_mini", weights=None, input_shape=s, classes=10,
                  classifier_activation=None)


def densenet_mini(s):
    """DenseNet121's own code (keras.src.applications.densenet.DenseNet) with blocks [1, 2, 1, 1] instead of
    [6, 12, 24, 16]."""
    from keras.src.applications.densenet import DenseNet
    return DenseNet([1, 2, 1, 1], name="densenet_mini", weights=None, input_shape=s, classes=10,
                    classifier_activation=None)


def convnext_mini(s):
    """ConvNeXtTiny's own code (keras.src.applications.convnext.ConvNeXt) with depths [1, 1, 2, 1] and widths
    8-64 instead of [3, 3, 9, 3] and 96-768, and drop_path_rate 0.1, so that it holds StochasticDepth layers too."""
    from keras.src.applications.convnext import ConvNeXt
    return ConvNeXt([1, 1, 2, 1], [8, 16, 32, 64], drop_path_rate=0.1, name="convnext_mini", weights=None,
                    input_shape=s, classes=10, classifier_activation=None)


def efficientnet_mini(s):
    """EfficientNetB0's own code (keras.src.applications.efficientnet.EfficientNet) at width 0.25, depth 0.25."""
    from keras.src.applications.efficientnet import EfficientNet
    return EfficientNet(0.25, 0.25, 32, name="efficientnet_mini", weights=None, input_shape=s, classes=10,
                        classifier_activation=None)


# name: (builder, input shape, commit to the repository). The input is the smallest each application accepts
# (32x32, Xception 71x71, InceptionV3 75x75); the classifier is kept (include_top=True, 10 classes, no softmax so
# that the golden compares logits) except for VGG16, whose 4096-wide dense head alone would be 120 MB, and the small
# MobileNetV3Small, whose 1024-wide head would double its file: they end in global average pooling instead.
# The committed ones (0.5 to 1.7 MB each) are the applications' own code at small widths: MobileNetV2 at alpha 0.2,
# MobileNetV3Small at alpha 0.5 without its Rescaling, and ResNet, DenseNet and ConvNeXt (with StochasticDepth)
# through their base functions with fewer blocks and filters.
APPS = {
    "mobilenet_v2_a02": (lambda s: A.MobileNetV2(input_shape=s, alpha=0.2, weights=None, classes=10,
                                                 classifier_activation=None), (32, 32, 3), True),
    "mobilenet_v3_small_a05": (lambda s: A.MobileNetV3Small(input_shape=s, alpha=0.5, weights=None,
                                                            include_top=False, pooling="avg",
                                                            include_preprocessing=False), (32, 32, 3), True),
    "resnet_mini": (resnet_mini, (32, 32, 3), True),
    "densenet_mini": (densenet_mini, (32, 32, 3), True),
    "convnext_mini": (convnext_mini, (32, 32, 3), True),
    "efficientnet_mini": (efficientnet_mini, (32, 32, 3), True),
    "mobilenet_v2": (lambda s: A.MobileNetV2(input_shape=s, weights=None, classes=10, classifier_activation=None),
                     (32, 32, 3), False),
    "mobilenet_v3_small": (lambda s: A.MobileNetV3Small(input_shape=s, weights=None, classes=10,
                                                        classifier_activation=None), (32, 32, 3), False),
    "efficientnet_b0": (lambda s: A.EfficientNetB0(input_shape=s, weights=None, classes=10,
                                                   classifier_activation=None), (32, 32, 3), False),
    "resnet50": (lambda s: A.ResNet50(input_shape=s, weights=None, classes=10, classifier_activation=None),
                 (32, 32, 3), False),
    "densenet121": (lambda s: A.DenseNet121(input_shape=s, weights=None, classes=10, classifier_activation=None),
                    (32, 32, 3), False),
    "vgg16": (lambda s: A.VGG16(input_shape=s, weights=None, include_top=False, pooling="avg"), (32, 32, 3), False),
    "xception": (lambda s: A.Xception(input_shape=s, weights=None, classes=10, classifier_activation=None),
                 (71, 71, 3), False),
    "inception_v3": (lambda s: A.InceptionV3(input_shape=s, weights=None, classes=10, classifier_activation=None),
                     (75, 75, 3), False),
    "convnext_tiny": (lambda s: A.ConvNeXtTiny(input_shape=s, weights=None, classes=10, classifier_activation=None),
                      (32, 32, 3), False),
}


def randomize_statistics(model, rng):
    """Redraws BatchNormalization's four vectors and LayerScale's gamma, so that the goldens depend on them."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            values = []
            for w in layer.weights:
                n = w.shape
                if w.path.endswith("gamma") or w.path.endswith("moving_variance"):
                    values.append(rng.uniform(0.5, 1.5, size=n).astype("float32"))
                else:
                    values.append(rng.normal(0.0, 0.1, size=n).astype("float32"))
            layer.set_weights(values)
        elif type(layer).__name__ == "LayerScale":
            layer.set_weights([rng.uniform(0.1, 1.0, size=w.shape).astype("float32") for w in layer.weights])


def make(name, out_dir):
    build, shape, _ = APPS[name]
    keras.utils.set_random_seed(SEED)
    rng = np.random.default_rng(SEED)
    model = build(shape)
    randomize_statistics(model, rng)
    x = rng.uniform(-1.0, 1.0, size=(2,) + shape).astype("float32")
    if name.startswith("efficientnet"):
        x = (x + 1.0) * 127.5  # its model starts with Rescaling(1/255): give it pixel values
    y = np.asarray(model.predict(x, verbose=0), dtype="float32")
    path = os.path.join(out_dir, name + ".keras")
    model.save(path)
    with h5py.File(os.path.join(out_dir, name + "_golden.h5"), "w") as f:
        f.create_dataset("input", data=x)
        f.create_dataset("output", data=y)
        f.attrs["generated_by"] = ("tools/keras-interop/make_applications.py, keras " + keras.__version__ + " "
                                   + keras.backend.backend())
    print(f"{name:24s} input {shape}, {model.count_params():>10,d} params, output {y.shape}, "
          f"|y| max {np.abs(y).max():.4g}, {os.path.getsize(path):>11,d} bytes")


def check(directory):
    failed = 0
    names = sorted(f[:-len("_strata.keras")] for f in os.listdir(directory) if f.endswith("_strata.keras"))
    if not names:
        sys.exit("no *_strata.keras files in " + directory)
    for name in names:
        with h5py.File(os.path.join(directory, name + "_golden.h5"), "r") as f:
            x, y = f["input"][()], f["output"][()]
        try:
            model = keras.saving.load_model(os.path.join(directory, name + "_strata.keras"))
            got = np.asarray(model.predict(x, verbose=0))
            err = float(np.max(np.abs(got - y) / (1.0 + np.abs(y))))
            ok = got.shape == y.shape and err <= 1e-4
            print(f"{'OK  ' if ok else 'FAIL'} {name}: {len(model.layers)} layers, max |diff|/(1+|y|) {err:.2e}")
        except Exception as e:  # report every model, not just the first failure
            ok = False
            print(f"FAIL {name}: {type(e).__name__}: {e}")
        failed += not ok
    print("all passed" if not failed else f"{failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "make"
    if mode == "check":
        check(sys.argv[2])
    elif mode == "small":
        os.makedirs(SMALL_DIR, exist_ok=True)
        for n, (_, _, commit) in APPS.items():
            if commit:
                make(n, SMALL_DIR)
    elif mode == "bench":
        # W6 (BENCHMARKS.md): ResNet50 and MobileNetV2 at 224x224x3 with their 1000-class heads, for W6Inference
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        keras.utils.set_random_seed(SEED)
        A.ResNet50(weights=None).save(os.path.join(out, "resnet50_224.keras"))
        A.MobileNetV2(weights=None).save(os.path.join(out, "mobilenet_v2_224.keras"))
        print("wrote", out)
    elif mode == "make":
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        for n in (sys.argv[3:] or APPS):
            make(n, out)
    else:
        sys.exit(__doc__)
