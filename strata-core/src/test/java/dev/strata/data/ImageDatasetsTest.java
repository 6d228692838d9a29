package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.layers.preprocessing.ImageGolden;
import dev.strata.ops.Ops;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** imageDatasetFromDirectory: Keras's file order, labels and split (from Keras's own index_directory). */
class ImageDatasetsTest {
    @TempDir
    Path root;

    /** The value every pixel of a file gets: its index in the unshuffled order, times 20, so images are traceable. */
    private final List<String> unshuffled = new ArrayList<>();

    @BeforeEach
    void makeTree() throws IOException {
        for (Object p : (List<?>) KerasConfig.parseJson(ImageGolden.DATASET_UNSHUFFLED)) {
            unshuffled.add((String) p);
        }
        Map<?, ?> tree = (Map<?, ?>) KerasConfig.parseJson(ImageGolden.DATASET_TREE);
        for (Map.Entry<?, ?> e : tree.entrySet()) {
            for (Object f : (List<?>) e.getValue()) {
                Path p = root.resolve((String) e.getKey()).resolve((String) f);
                Files.createDirectories(p.getParent());
                String rel = e.getKey() + "/" + f;
                if (rel.endsWith(".txt")) {
                    Files.writeString(p, "not an image");
                    continue;
                }
                int i = unshuffled.indexOf(rel);
                String ext = rel.substring(rel.lastIndexOf('.') + 1).toLowerCase();
                // 4 x 6 images of one value (JPEG keeps a flat image exactly).
                ImageUtils.saveImg(p, Tensor.full(Shape.of(4, 6, 3), 20f * i), "channels_last", ext, false);
            }
        }
        Files.createDirectories(root.resolve(".hidden"));
    }

    private List<String> relative(ImageDataset d) {
        return d.filePaths().stream().map(p -> root.relativize(p).toString()).toList();
    }

    private static List<Float> firstPixels(ImageDataset d) {
        List<Float> out = new ArrayList<>();
        float[] v = d.images().toFloatArray();
        int per = d.images().size() / d.size();
        for (int i = 0; i < d.size(); i++) {
            out.add(v[i * per]);
        }
        return out;
    }

    @Test
    void ordersAndSplitsAsKeras() {
        Map<?, ?> order = (Map<?, ?>) KerasConfig.parseJson(ImageGolden.DATASET_ORDER);
        ImageDatasets.TrainValidation both = ImageDatasets.imageDatasetsFromDirectory(root, ImageDatasets.options()
                .imageSize(4, 6).validationSplit(0.3).subset("both").seed(1337).verbose(false));
        assertThat(both.training().classNames()).isEqualTo(order.get("class_names"));
        assertThat(relative(both.training())).isEqualTo(order.get("train"));
        assertThat(relative(both.validation())).isEqualTo(order.get("validation"));
        assertThat(both.training().labels().toFloatArray()).containsExactly(
                ((List<?>) order.get("train_labels")).stream().map(v -> ((Number) v).floatValue()).toArray(Float[]::new));
        assertThat(both.training().images().shape()).isEqualTo(Shape.of(7, 4, 6, 3));
        assertThat(both.training().batchSize()).isEqualTo(32);
        // Each image is the file it names.
        List<Float> expected = relative(both.training()).stream().map(r -> 20f * unshuffled.indexOf(r)).toList();
        assertThat(firstPixels(both.training())).isEqualTo(expected);

        ImageDataset validation = ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .imageSize(4, 6).validationSplit(0.3).subset("validation").seed(1337).verbose(false));
        assertThat(relative(validation)).isEqualTo(order.get("validation"));
    }

    @Test
    void labelModesColorModesAndSizes() {
        ImageDataset plain = ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options().imageSize(2, 3)
                .shuffle(false).labelMode("categorical").colorMode("grayscale").batchSize(null).verbose(false));
        assertThat(relative(plain)).isEqualTo(unshuffled);
        assertThat(plain.images().shape()).isEqualTo(Shape.of(10, 2, 3, 1));
        assertThat(plain.labels().shape()).isEqualTo(Shape.of(10, 3));
        assertThat(Ops.argmax(plain.labels(), 1).toFloatArray()).containsExactly(0, 0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(plain.batchSize()).isNull();

        ImageDataset noLabels = ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options().imageSize(8, 8)
                .labelMode(null).colorMode("rgba").dataFormat("channels_first").cropToAspectRatio(true).seed(3)
                .verbose(false));
        assertThat(noLabels.labels()).isNull();
        assertThat(noLabels.images().shape()).isEqualTo(Shape.of(10, 4, 8, 8));

        ImageDataset two = ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options().imageSize(4, 6)
                .classNames("owls", "cats").labelMode("binary").shuffle(false).verbose(false));
        assertThat(two.classNames()).containsExactly("owls", "cats");
        assertThat(two.labels().shape()).isEqualTo(Shape.of(7, 1));
        assertThat(two.labels().toFloatArray()).containsExactly(0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void kerassArgumentErrors() throws IOException {
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .validationSplit(0.2).subset("training").verbose(false))).hasMessageContaining("must provide a seed");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .validationSplit(0.2).verbose(false))).hasMessageContaining("If subset is set");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .labelMode("binary").verbose(false))).hasMessageContaining("exactly 2 class_names");
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .classNames("cats", "bats").verbose(false))).hasMessageContaining("did not match");
        assertThatThrownBy(() -> ImageDatasets.options().validationSplit(1.0)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ImageDatasets.options().interpolation("area")).hasMessageContaining("area");
        Path empty = Files.createDirectories(root.resolve("../empty-" + System.nanoTime()));
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(empty, ImageDatasets.options()
                .verbose(false))).hasMessageContaining("No images found");
        Files.write(root.resolve("dogs/zz_corrupt.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ImageDatasets.imageDatasetFromDirectory(root, ImageDatasets.options()
                .verbose(false))).isInstanceOf(ImageException.class).hasMessageContaining("zz_corrupt.png");
    }

    @Test
    void streamsTheSameImagesAndLabelsInBatches() throws InterruptedException {
        ImageDatasets.Options o = ImageDatasets.options().imageSize(4, 6).shuffle(false).batchSize(3).verbose(false);
        ImageDataset memory = ImageDatasets.imageDatasetFromDirectory(root, o);
        Dataset<Batch> stream = ImageDatasets.dataset(root, o);
        List<Float> pixels = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        int batches = 0;
        for (Batch b : stream) {
            batches++;
            assertThat(b.size()).isLessThanOrEqualTo(3);
            for (float f : b.x().getFirst().toFloatArray()) {
                pixels.add(f);
            }
            for (float f : b.y().getFirst().toFloatArray()) {
                labels.add(f);
            }
        }
        assertThat(batches).isEqualTo((memory.size() + 2) / 3);
        float[] all = memory.images().toFloatArray();
        assertThat(pixels).hasSize(all.length);
        for (int i = 0; i < all.length; i++) {
            assertThat(pixels.get(i)).isEqualTo(all[i]);
        }
        float[] l = memory.labels().toFloatArray();
        for (int i = 0; i < l.length; i++) {
            assertThat(labels.get(i)).isEqualTo(l[i]);
        }
        // shuffled: every pass a new order of the same images
        Dataset<Batch> shuffled = ImageDatasets.dataset(root, o.shuffle(true).seed(3));
        List<Float> firstPass = new ArrayList<>();
        for (Batch b : shuffled) {
            for (float f : b.y().getFirst().toFloatArray()) {
                firstPass.add(f);
            }
        }
        assertThat(firstPass).containsExactlyInAnyOrderElementsOf(labels);
        DatasetTest.assertNoPipelineThreads();
    }
}
