package dev.strata.layers.core;

import dev.strata.ShapeException;
import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.initializers.VarianceScaling;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dense layer of any dimensionality, computed by {@code einsum(equation, inputs, kernel)}, like
 * {@code keras.layers.EinsumDense}: the equation is {@code "[X],[Y]->[Z]"}, {@code "...[X],[Y]->...[Z]"} or
 * {@code "[X]...,[Y]->[Z]..."} (X the input's labels, Y the kernel's, Z the output's), {@code output_shape} the
 * output's sizes without the batch and {@code ...} axes ({@code UNKNOWN} where the input gives them), and
 * {@code bias_axes} the output labels that get a bias.
 *
 * <pre>{@code
 * Layer perHead = new EinsumDense("abc,cde->abde", 4, 16).biasAxes("de"); // (batch, T, 64) -> (batch, T, 4, 16)
 * }</pre>
 *
 * <p>Weights as Keras makes them: {@code kernel} shaped by the kernel labels (from the output shape or the input's
 * sizes), then {@code bias} shaped like the output from the first bias label on (1 for labels without bias, and 1
 * for trailing {@code ...} axes). A variance-scaling kernel initializer counts its fans over the kernel's input
 * and output labels, as Keras 3 sets {@code input_axes}/{@code output_axes}. Keras's quantization and LoRA are not
 * supported (a config with them is refused).
 */
public class EinsumDense extends Layer {
    private static final Pattern PLAIN = Pattern.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");
    private static final Pattern LEFT = Pattern.compile("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)");
    private static final Pattern RIGHT = Pattern.compile("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0");

    private final String equation;
    private final int[] partialOutputShape;
    private Activation activation = Activations.LINEAR;
    private String biasAxes;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    /**
     * A layer computing {@code equation}, with the output's sizes (batch and {@code ...} axes left out;
     * {@link Shape#UNKNOWN} where the input gives the size).
     *
     * @throws IllegalArgumentException if the equation is not of one of the three forms
     */
    public EinsumDense(String equation, int... outputShape) {
        this.equation = Objects.requireNonNull(equation, "equation");
        this.partialOutputShape = outputShape.clone();
        Analysis.match(equation, describe());
    }

    @Override
    public EinsumDense named(String name) {
        super.named(name);
        return this;
    }

    /** The activation by Keras name ({@code "relu"}, ...; null for none). */
    public EinsumDense activation(String name) {
        return activation(Activations.get(name));
    }

    /** The activation applied to the output (null for none). */
    public EinsumDense activation(Activation activation) {
        requireNotBuilt("activation");
        this.activation = activation == null ? Activations.LINEAR : activation;
        return this;
    }

    /** The output labels that get a bias, e.g. {@code "de"} (null for no bias, the default). */
    public EinsumDense biasAxes(String axes) {
        requireNotBuilt("biasAxes");
        this.biasAxes = axes;
        return this;
    }

    /** The kernel's initializer (default {@code glorot_uniform}). */
    public EinsumDense kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The bias's initializer (default {@code zeros}). */
    public EinsumDense biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** A penalty on the kernel (null for none). */
    public EinsumDense kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** A penalty on the bias (null for none). */
    public EinsumDense biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /** A constraint on the kernel after each update (null for none). */
    public EinsumDense kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** A constraint on the bias after each update (null for none). */
    public EinsumDense biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return this;
    }

    /** The equation. */
    public String equation() {
        return equation;
    }

    /** The output shape as given (without the batch and {@code ...} axes). */
    public int[] partialOutputShape() {
        return partialOutputShape.clone();
    }

    /** The bias labels, or null. */
    public String biasAxes() {
        return biasAxes;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The kernel's initializer. */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /** The bias's initializer. */
    public Initializer biasInitializer() {
        return biasInitializer;
    }

    /** The kernel; null before the build. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias; null before the build or without bias axes. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        Analysis a = Analysis.of(this, inputShape);
        Shape kernelShape = Shape.of(a.kernelShape);
        Initializer init = kernelInitializer;
        if (init instanceof VarianceScaling vs) {
            // Keras 3 gives the initializer the kernel's input and output axes: the fans are their products. The
            // draws are i.i.d., so drawing a (fan_in, fan_out) matrix and reshaping it is the same distribution.
            int fanIn = 1;
            int fanOut = 1;
            for (int i : a.inputAxes) {
                fanIn *= a.kernelShape[i];
            }
            for (int o : a.outputAxes) {
                fanOut *= a.kernelShape[o];
            }
            int in = fanIn;
            int out = fanOut;
            init = new Initializer() {
                @Override
                public Tensor apply(Shape shape) {
                    return Ops.reshape(vs.apply(Shape.of(in, out)), shape);
                }

                @Override
                public Map<String, Object> getConfig() {
                    return vs.getConfig();
                }
            };
        }
        kernel = addWeight("kernel", kernelShape, init, true, kernelRegularizer, kernelConstraint);
        if (a.biasShape != null) {
            bias = addWeight("bias", Shape.of(a.biasShape), biasInitializer, true, biasRegularizer, biasConstraint);
        }
    }

    @Override
    protected Tensor call(Tensor inputs) {
        Shape built = buildInputShapes().getFirst();
        if (inputs.rank() != built.rank()) {
            throw new ShapeException(describe() + " expected inputs of rank " + built.rank() + " (built for shape "
                    + built + "), but received shape " + inputs.shape());
        }
        Tensor x = Ops.einsum(equation, inputs, kernel);
        if (bias != null) {
            x = Ops.add(x, bias);
        }
        return activation == Activations.LINEAR ? x : activation.apply(x);
    }

    /**
     * Keras's {@code _analyze_einsum_string}: the kernel's and bias's shapes, the full output shape and the
     * kernel's input and output axes, from the equation, the bias labels, the input shape and the partial output
     * shape.
     */
    static final class Analysis {
        int[] kernelShape;
        int[] biasShape;
        int[] outputShape;
        List<Integer> inputAxes = new ArrayList<>();
        List<Integer> outputAxes = new ArrayList<>();

        static Matcher match(String equation, String who) {
            String replaced = equation.replace("...", "0");
            for (Pattern p : new Pattern[] {PLAIN, LEFT, RIGHT}) {
                Matcher m = p.matcher(replaced);
                if (m.matches()) {
                    return m;
                }
            }
            throw new IllegalArgumentException(who + ": invalid einsum equation '" + equation + "'. Equations must "
                    + "be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....");
        }

        static Analysis of(EinsumDense layer, Shape inputShape) {
            String who = layer.describe();
            Matcher m = match(layer.equation, who);
            boolean leftElided = m.pattern() == LEFT;
            String inputSpec = m.group(1);
            String weightSpec = m.group(2);
            String outputSpec = m.group(3);
            int rank = inputShape.rank();
            int elided = rank - inputSpec.length();
            if (elided < 0 || (elided > 0 && m.pattern() == PLAIN)) {
                throw new ShapeException(who + " expected inputs of rank " + inputSpec.length()
                        + (m.pattern() == PLAIN ? "" : " or more") + " for equation '" + layer.equation
                        + "', but received shape " + inputShape);
            }
            List<Integer> out = new ArrayList<>();
            for (int d : layer.partialOutputShape) {
                out.add(d);
            }
            out.addFirst(inputShape.get(0));
            if (elided > 0 && leftElided) {
                for (int i = 1; i < elided; i++) {
                    out.add(1, inputShape.get(i)); // Keras inserts each at position 1, as it does
                }
            } else if (elided > 0) {
                for (int i = rank - elided; i < rank; i++) {
                    out.add(inputShape.get(i));
                }
            }
            Map<Character, Integer> inputDim = new LinkedHashMap<>();
            Map<Character, Integer> outputDim = new LinkedHashMap<>();
            for (int i = 0; i < inputSpec.length(); i++) {
                inputDim.put(inputSpec.charAt(i), leftElided ? i + elided : i);
            }
            for (int i = 0; i < outputSpec.length(); i++) {
                outputDim.put(outputSpec.charAt(i), leftElided ? i + elided : i);
            }
            int expected = leftElided ? elided + outputSpec.length() : outputSpec.length() + elided;
            if (out.size() != expected) {
                throw new IllegalArgumentException(who + ": output_shape " + Arrays.toString(layer.partialOutputShape)
                        + " does not fit equation '" + layer.equation + "' (expected "
                        + (expected - out.size() + layer.partialOutputShape.length) + " sizes: the output's without "
                        + "the batch and '...' axes)");
            }
            for (char dim : inputSpec.toCharArray()) {
                int inSize = inputShape.get(inputDim.get(dim));
                if (outputDim.containsKey(dim)) {
                    int o = out.get(outputDim.get(dim));
                    if (o != Shape.UNKNOWN && inSize != Shape.UNKNOWN && o != inSize) {
                        throw new ShapeException(who + ": input shape and output shape do not match at shared "
                                + "dimension '" + dim + "'. Input shape is " + inSize + " (input " + inputShape
                                + "), and output shape is " + o + ".");
                    }
                    if (o == Shape.UNKNOWN) {
                        out.set(outputDim.get(dim), inSize);
                    }
                }
            }
            for (char dim : outputSpec.toCharArray()) {
                if (inputSpec.indexOf(dim) < 0 && weightSpec.indexOf(dim) < 0) {
                    throw new IllegalArgumentException(who + ": dimension '" + dim + "' was specified in the output '"
                            + outputSpec + "' but has no corresponding dim in the input spec '" + inputSpec
                            + "' or weight spec '" + weightSpec + "'");
                }
            }
            Analysis a = new Analysis();
            a.kernelShape = new int[weightSpec.length()];
            for (int i = 0; i < weightSpec.length(); i++) {
                char dim = weightSpec.charAt(i);
                if (outputDim.containsKey(dim)) {
                    a.kernelShape[i] = out.get(outputDim.get(dim));
                    a.outputAxes.add(i);
                } else if (inputDim.containsKey(dim)) {
                    a.kernelShape[i] = inputShape.get(inputDim.get(dim));
                    a.inputAxes.add(i);
                } else {
                    throw new IllegalArgumentException(who + ": weight dimension '" + dim + "' did not have a match "
                            + "in either the input spec '" + inputSpec + "' or the output spec '" + outputSpec
                            + "'. For this layer, the weight must be fully specified.");
                }
                if (a.kernelShape[i] == Shape.UNKNOWN) {
                    throw new ShapeException(who + ": the kernel's axis '" + dim + "' needs a known size; give it in "
                            + "output_shape or in the input shape (got " + inputShape + ")");
                }
            }
            String bias = layer.biasAxes;
            if (bias != null) {
                int leftOffset = leftElided ? elided : 0;
                int first = Integer.MAX_VALUE;
                for (char c : bias.toCharArray()) {
                    if (outputSpec.indexOf(c) < 0) {
                        throw new IllegalArgumentException(who + ": bias dimension '" + c + "' was requested, but is "
                                + "not part of the output spec '" + outputSpec + "'");
                    }
                    first = Math.min(first, outputSpec.indexOf(c));
                }
                String biasSpec = outputSpec.substring(first);
                List<Integer> b = new ArrayList<>();
                for (char c : biasSpec.toCharArray()) {
                    b.add(bias.indexOf(c) >= 0 ? out.get(outputSpec.indexOf(c) + leftOffset) : 1);
                }
                if (!leftElided) {
                    for (int i = 0; i < elided; i++) {
                        b.add(1);
                    }
                }
                a.biasShape = b.stream().mapToInt(Integer::intValue).toArray();
            }
            a.outputShape = out.stream().mapToInt(Integer::intValue).toArray();
            return a;
        }
    }

    /** Keras's {@code EinsumDense.from_config}; quantization and LoRA are accepted only as off. */
    public static EinsumDense fromConfig(Config config) {
        String equation = config.requireString("equation");
        Object shape = config.raw("output_shape");
        int[] outputShape;
        if (shape instanceof Number n) {
            outputShape = new int[] {n.intValue()};
        } else if (shape instanceof List<?> dims) {
            outputShape = new int[dims.size()];
            for (int i = 0; i < dims.size(); i++) {
                outputShape[i] = dims.get(i) == null ? Shape.UNKNOWN : config.toInt(dims.get(i), "output_shape");
            }
        } else {
            throw config.error("'output_shape' must be an integer or a list of integers or None, got "
                    + Config.describe(shape));
        }
        EinsumDense d;
        try {
            d = new EinsumDense(equation, outputShape);
        } catch (IllegalArgumentException e) {
            throw config.error(e.getMessage());
        }
        d.activation(config.object("activation", Activation.class));
        d.biasAxes(config.string("bias_axes", null));
        Initializer kernel = config.object("kernel_initializer", Initializer.class);
        if (kernel != null) {
            d.kernelInitializer(kernel);
        }
        Initializer bias = config.object("bias_initializer", Initializer.class);
        if (bias != null) {
            d.biasInitializer(bias);
        }
        d.kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        d.biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        d.kernelConstraint(config.object("kernel_constraint", Constraint.class));
        d.biasConstraint(config.object("bias_constraint", Constraint.class));
        config.requireDefault("quantization_config", null, "Strata has no quantization");
        config.requireDefault("lora_rank", null, "Strata has no LoRA");
        config.ignore("lora_alpha");
        config.requireDefault("gptq_unpacked_column_size", null, "Strata has no quantization");
        return d;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.remove("activity_regularizer"); // Keras writes it always, among the layer's own keys
        List<Object> shape = new ArrayList<>();
        for (int d : partialOutputShape) {
            shape.add(d == Shape.UNKNOWN ? null : d);
        }
        config.put("output_shape", shape);
        config.put("equation", equation);
        config.put("activation", activation.name());
        config.put("bias_axes", biasAxes);
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        config.put("quantization_config", null);
        return config;
    }
}
