package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.preprocessing.TextVectorization;
import dev.strata.layers.rnn.LSTM;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A text classifier: spam or not for SMS messages (5,574 real messages, 13% spam, bundled in
 * {@code strata-examples/data/sms-spam/}, CC BY 4.0, see the README there), as Keras's text tutorials build one:
 * a TextVectorization layer adapted on the training messages turns each message into 40 token ids (outside the
 * model, as Keras users usually keep it), then Embedding (mask_zero, so padding is skipped), LSTM 32 and a sigmoid
 * Dense. Exact duplicate messages are dropped first, so no message is both trained on and tested; 80% of the
 * distinct messages train, 20% test. The baseline to beat is the majority class (every message "ham"). It prints
 * the summary and Keras-style progress, saves the model as {@code sms_spam.keras}, reloads it and checks it
 * predicts the same. The last line is for scripts:
 * {@code RESULT example=sms_spam test_accuracy=... baseline_accuracy=... epochs=... fit_seconds=... saved=...}.
 *
 * <p>Arguments, all optional: {@code --epochs N} (default {@value #EPOCHS}) and {@code --data FILE}.
 */
public final class SmsSpam {
    static final int EPOCHS = 3;
    static final int LENGTH = 40;
    static final int VOCABULARY = 10_000;
    static final Path SAVED = Path.of("sms_spam.keras");

    private SmsSpam() {
    }

    /** Messages and their labels (1 for spam). */
    record Messages(List<String> texts, float[] labels) {
        int size() {
            return texts.size();
        }
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --data FILE}
     */
    public static void main(String[] args) {
        int epochs = EPOCHS;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --epochs N, --data FILE");
            }
        }
        Strata.setRandomSeed(42);
        Messages all = read(data != null ? data : dataFile());
        Messages[] split = split(all, 0.8, 42);
        Messages train = split[0], test = split[1];

        TextVectorization vectorize = new TextVectorization(new TextVectorization.Options().maxTokens(VOCABULARY)
                .outputSequenceLength(LENGTH));
        vectorize.adapt(train.texts());
        Tensor xTrain = vectorize.apply(train.texts().toArray(String[]::new));
        Tensor xTest = vectorize.apply(test.texts().toArray(String[]::new));
        System.out.printf(Locale.ROOT, "SMS spam: %d distinct messages, %d training and %d test; vocabulary of %d "
                + "tokens, messages as %d ids (kernels: %s)%n", all.size(), train.size(), test.size(),
                vectorize.vocabularySize(), LENGTH, Strata.kernels());

        Model model = model(vectorize.vocabularySize());
        model.summary();
        Tensor yTrain = Tensor.of(train.labels(), train.size(), 1);
        Tensor yTest = Tensor.of(test.labels(), test.size(), 1);
        long start = System.nanoTime();
        model.fit(xTrain, yTrain, new FitOptions().epochs(epochs).batchSize(32).validationSplit(0.1));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> scores = model.evaluate(xTest, yTest);
        double accuracy = scores.get("accuracy");
        double ham = 0;
        for (float y : test.labels()) {
            ham += y == 0 ? 1 : 0;
        }
        double baseline = ham / test.size();
        System.out.printf(Locale.ROOT, "test: loss %.4f - accuracy %.4f; always \"ham\": %.4f (%s)%n",
                scores.get("loss"), accuracy, baseline,
                accuracy > baseline ? "the model beats the baseline" : "the model does NOT beat the baseline");

        String[] examples = {"Free entry! Call now to claim your prize, text WIN to 80086",
            "Are we still meeting for lunch tomorrow?"};
        float[] p = model.predict(vectorize.apply(examples)).toFloatArray();
        for (int i = 0; i < examples.length; i++) {
            System.out.printf(Locale.ROOT, "%.3f spam: %s%n", p[i], examples[i]);
        }

        model.save(SAVED);
        float difference = FashionMnistCnn.reloadDifference(model, SAVED, xTest);
        System.out.printf(Locale.ROOT, "saved to %s; reloaded: %s%n", SAVED, difference == 0
                ? "the same predictions for every test message" : "predictions differ by up to " + difference);
        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT example=sms_spam test_accuracy=%.4f baseline_accuracy=%.4f epochs=%d "
                + "fit_seconds=%.1f saved=%s%n", accuracy, baseline, epochs, seconds, SAVED);
    }

    /** Token ids (batch, 40) -> Embedding 32 (mask_zero) -> LSTM 32 -> Dense 1 sigmoid; Adam, binary crossentropy. */
    static Model model(int vocabulary) {
        Tensor ids = Input.integers("token_ids", LENGTH);
        Tensor h = new Embedding(vocabulary, 32).maskZero(true).apply(ids);
        h = new LSTM(32).apply(h);
        Model model = Model.of(ids, new Dense(1, "sigmoid").apply(h));
        model.compile(new Adam(1e-3f), new CompileOptions().loss("binary_crossentropy").metrics("accuracy"));
        return model;
    }

    /** The distinct (label, text) rows of the bundled CSV ({@code label,text}, RFC 4180 quoting). */
    static Messages read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.getFirst().equals("label,text")) {
            throw new IllegalArgumentException(file + ": not the SMS spam table (header " + (lines.isEmpty() ? "none"
                    : lines.getFirst()) + ")");
        }
        Map<String, Float> distinct = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            String label = comma < 0 ? "" : line.substring(0, comma);
            if (!label.equals("ham") && !label.equals("spam")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": label must be ham or spam, got '" + label
                        + "'");
            }
            String text = unquote(line.substring(comma + 1), file, i + 1);
            distinct.putIfAbsent(label + "\u0000" + text, label.equals("spam") ? 1f : 0f);
        }
        List<String> texts = new ArrayList<>();
        float[] labels = new float[distinct.size()];
        int k = 0;
        for (Map.Entry<String, Float> e : distinct.entrySet()) {
            texts.add(e.getKey().substring(e.getKey().indexOf('\u0000') + 1));
            labels[k++] = e.getValue();
        }
        return new Messages(texts, labels);
    }

    /** An RFC 4180 field: as is, or between quotes with inner quotes doubled. */
    private static String unquote(String field, Path file, int line) {
        if (!field.startsWith("\"")) {
            return field;
        }
        if (field.length() < 2 || !field.endsWith("\"")) {
            throw new IllegalArgumentException(file + ":" + line + ": unterminated quoted field");
        }
        return field.substring(1, field.length() - 1).replace("\"\"", "\"");
    }

    /** A seeded shuffle of the messages, cut at {@code fraction}: {train, test}. */
    static Messages[] split(Messages m, double fraction, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int cut = (int) Math.round(m.size() * fraction);
        return new Messages[] {pick(m, order.subList(0, cut)), pick(m, order.subList(cut, order.size()))};
    }

    private static Messages pick(Messages m, List<Integer> rows) {
        List<String> texts = new ArrayList<>();
        float[] labels = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            texts.add(m.texts().get(rows.get(i)));
            labels[i] = m.labels()[rows.get(i)];
        }
        return new Messages(texts, labels);
    }

    /**
     * The bundled data: {@code strata-examples/data/sms-spam/sms_spam.csv} from the repository root (where the
     * README's command runs) or {@code data/sms-spam/sms_spam.csv} from the module's directory.
     */
    static Path dataFile() {
        for (Path candidate : List.of(Path.of("strata-examples", "data", "sms-spam", "sms_spam.csv"),
                Path.of("data", "sms-spam", "sms_spam.csv"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("sms_spam.csv not found in strata-examples/data/sms-spam (from "
                + Path.of("").toAbsolutePath() + "); run from the repository root or pass --data FILE");
    }
}
