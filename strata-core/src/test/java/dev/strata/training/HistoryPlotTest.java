package dev.strata.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** History's training-curve pictures: PNG and SVG, their content, and the awkward histories. */
class HistoryPlotTest {
    @TempDir
    Path dir;

    /** A history of {@code epochs} epochs of loss, mae and their val_ twins, as fit would record it. */
    static History history(int epochs) {
        History h = new History();
        h.onTrainBegin(new LinkedHashMap<>());
        for (int e = 0; e < epochs; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.2 * Math.exp(-0.25 * e) + 0.35);
            logs.put("mae", 0.9 * Math.exp(-0.2 * e) + 0.45);
            logs.put("val_loss", 1.1 * Math.exp(-0.22 * e) + 0.42 + 0.01 * e);
            logs.put("val_mae", 0.85 * Math.exp(-0.18 * e) + 0.5);
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    private static History of(List<Map<String, Double>> epochs) {
        History h = new History();
        h.onTrainBegin(new LinkedHashMap<>());
        for (int e = 0; e < epochs.size(); e++) {
            h.onEpochEnd(e, epochs.get(e));
        }
        return h;
    }

    private static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The polylines of the series group named {@code key}: each one's point count. */
    private static List<Integer> polylines(Document d, String key) {
        List<Integer> out = new ArrayList<>();
        NodeList groups = d.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("series") && g.getAttribute("data-name").equals(key)) {
                NodeList lines = g.getElementsByTagName("polyline");
                for (int k = 0; k < lines.getLength(); k++) {
                    out.add(((Element) lines.item(k)).getAttribute("points").split(" ").length);
                }
            }
        }
        return out;
    }

    private static int countElements(Document d, String key, String tag) {
        NodeList groups = d.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("series") && g.getAttribute("data-name").equals(key)) {
                return g.getElementsByTagName(tag).getLength();
            }
        }
        return -1;
    }

    private static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        NodeList t = d.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            out.add(t.item(i).getTextContent());
        }
        return out;
    }

    /** Pixels within a small distance of {@code rgb} (anti-aliasing blends the edges). */
    private static int pixelsNear(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int dr = ((p >> 16) & 255) - ((rgb >> 16) & 255);
                int dg = ((p >> 8) & 255) - ((rgb >> 8) & 255);
                int db = (p & 255) - (rgb & 255);
                if (dr * dr + dg * dg + db * db < 30 * 30) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void pngDecodesAtItsSizeWithBothCurvesDrawn() throws IOException {
        Path file = dir.resolve("curves.png");
        history(20).plot(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        assertThat(pixelsNear(img, CurveChart.TRAIN)).isGreaterThan(400);
        assertThat(pixelsNear(img, CurveChart.VALIDATION)).isGreaterThan(400);
        assertThat(Files.size(file)).isLessThan(100_000);
        // the training curve falls from left to right: its pixels in the left tenth of each panel sit higher
        // (smaller y) than in the right tenth; checked on the first (loss) panel, the left half of the picture
        double leftY = meanY(img, CurveChart.TRAIN, 60, 130);
        double rightY = meanY(img, CurveChart.TRAIN, 330, 390);
        assertThat(leftY).isLessThan(rightY - 100);
    }

    private static double meanY(BufferedImage img, int rgb, int x0, int x1) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    sum += y;
                    n++;
                }
            }
        }
        assertThat(n).as("pixels of the curve between x=%d and %d", x0, x1).isPositive();
        return sum / n;
    }

    @Test
    void svgIsWellFormedWithOnePanelPerMetricAndItsCurves() throws Exception {
        Path file = dir.resolve("curves.svg");
        history(12).plot(file);
        Document d = parse(Files.readString(file));
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("800");
        assertThat(root.getAttribute("height")).isEqualTo("500");
        assertThat(polylines(d, "loss")).containsExactly(12);
        assertThat(polylines(d, "val_loss")).containsExactly(12);
        assertThat(polylines(d, "mae")).containsExactly(12);
        assertThat(polylines(d, "val_mae")).containsExactly(12);
        assertThat(countElements(d, "loss", "circle")).isEqualTo(12);
        List<String> texts = texts(d);
        assertThat(texts).contains("Training history", "training", "validation", "loss", "mae", "epoch");
        assertThat(texts).contains("2", "4", "6", "8", "10", "12"); // whole epochs from 1
    }

    @Test
    void lossLeadsThenTheOrderLogged() throws Exception {
        History h = of(List.of(logs("aux_output_loss", 2, "loss", 1, "main_output_loss", 0.5, "val_aux_output_loss",
                2.5, "val_loss", 1.5, "val_main_output_loss", 0.7)));
        NodeList groups = parse(h.toSvg(new PlotOptions())).getElementsByTagName("g");
        List<String> panels = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("panel")) {
                panels.add(g.getAttribute("data-name"));
            }
        }
        assertThat(panels).containsExactly("loss", "aux_output_loss", "main_output_loss");
    }

    @Test
    void optionsChooseSizeMetricsAndTitle() throws Exception {
        Path file = dir.resolve("loss.png");
        History h = history(5);
        h.plot(file, new PlotOptions().size(1000, 600).metrics("val_loss").title("Run 7"));
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(600);
        Document d = parse(h.toSvg(new PlotOptions().metrics("val_loss").title("Run 7")));
        assertThat(polylines(d, "loss")).containsExactly(5);
        assertThat(polylines(d, "mae")).isEmpty();
        assertThat(texts(d)).contains("Run 7").doesNotContain("Training history", "mae");
        assertThatThrownBy(() -> h.plot(file, new PlotOptions().metrics("accuracy")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("History.plot: no metric 'accuracy' in the history; keys are [loss, mae, val_loss, val_mae]");
        assertThatThrownBy(() -> new PlotOptions().size(100, 500)).hasMessageContaining("at least 240 x 180");
        assertThatThrownBy(() -> new PlotOptions().size(800, 9000)).hasMessageContaining("at most 8000");
        assertThatThrownBy(() -> new PlotOptions().metrics()).hasMessageContaining("at least one metric");
    }

    @Test
    void nanValuesLeaveGapsAndAllNanPanelsSaySo() throws Exception {
        History h = of(List.of(logs("loss", 1.0, "acc", Double.NaN), logs("loss", 0.8, "acc", Double.NaN),
                logs("loss", Double.NaN, "acc", Double.NaN), logs("loss", 0.6, "acc", Double.NaN),
                logs("loss", Double.POSITIVE_INFINITY, "acc", Double.NaN), logs("loss", 0.5, "acc", Double.NaN),
                logs("loss", 0.45, "acc", Double.NaN)));
        Document d = parse(h.toSvg(new PlotOptions()));
        assertThat(polylines(d, "loss")).containsExactly(2, 2); // 1-2, [gap], 4 alone, [gap], 6-7
        assertThat(countElements(d, "loss", "circle")).isEqualTo(5);
        assertThat(texts(d)).contains("no finite values");
        Path png = dir.resolve("nan.png");
        h.plot(png);
        assertThat(pixelsNear(ImageIO.read(png.toFile()), CurveChart.TRAIN)).isGreaterThan(50);
    }

    @Test
    void oneEpochIsAPointAndAnEmptyHistorySaysSo() throws Exception {
        History one = history(1);
        Document d = parse(one.toSvg(new PlotOptions()));
        assertThat(polylines(d, "loss")).isEmpty();
        assertThat(countElements(d, "loss", "circle")).isEqualTo(1);
        assertThat(texts(d)).contains("1").doesNotContain("0", "2");
        Path png = dir.resolve("one.png");
        one.plot(png);
        assertThat(pixelsNear(ImageIO.read(png.toFile()), CurveChart.TRAIN)).isGreaterThan(20);

        History empty = new History();
        Document e = parse(empty.toSvg(new PlotOptions()));
        assertThat(texts(e)).contains("No epochs recorded");
        empty.plot(dir.resolve("empty.png"));
        assertThat(ImageIO.read(dir.resolve("empty.png").toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void constantAndHugeValuesGetReadableTicks() throws Exception {
        History flat = of(List.of(logs("loss", 0.5), logs("loss", 0.5), logs("loss", 0.5)));
        List<String> t = texts(parse(flat.toSvg(new PlotOptions())));
        assertThat(t).contains("0.480", "0.500", "0.520");
        History lr = of(List.of(logs("learning_rate", 1e-5), logs("learning_rate", 5e-6),
                logs("learning_rate", 2.5e-6)));
        assertThat(texts(parse(lr.toSvg(new PlotOptions())))).contains("1e-5", "5e-6");
        CurveChart.Ticks ticks = CurveChart.Ticks.of(0.43, 1.27, 5, false);
        assertThat(ticks.labels).containsExactly("0.4", "0.6", "0.8", "1.0", "1.2");
        assertThat(ticks.lo).isEqualTo(0.43 - 0.042, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ticks.hi).isEqualTo(1.27 + 0.042, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(CurveChart.Ticks.of(1, 100, 6, true).labels).containsExactly("20", "40", "60", "80", "100");
    }

    @Test
    void badPathsAreClearErrorsAndLeaveNothingBehind() throws IOException {
        History h = history(3);
        assertThatThrownBy(() -> h.plot(dir.resolve("curves.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("History.plot writes a .png or an .svg picture").hasMessageContaining("curves.jpg");
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> h.plot(blocker.resolve("sub/curves.png")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("History.plot cannot write");
        Path asDir = Files.createDirectory(dir.resolve("taken.svg"));
        assertThatThrownBy(() -> h.plot(asDir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("History.plot cannot write '" + asDir + "'");
        Path existing = dir.resolve("keep.svg");
        Files.writeString(existing, "old");
        h.plot(dir.resolve("new/deeper/curves.svg")); // missing directories are made
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
        assertThat(Files.readString(existing)).isEqualTo("old");
    }

    @Test
    void fitHistoryWithValidationEveryOtherEpochPlotsEachValueAtItsEpoch() throws Exception {
        Strata.setRandomSeed(11);
        Tensor x = Tensor.normal(Shape.of(40, 3), 0, 1);
        Tensor y = Tensor.normal(Shape.of(40, 1), 0, 1);
        Model m = new Sequential(new InputLayer(3), new Dense(4, "relu"), new Dense(1));
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse").metrics("mae"));
        History h = m.fit(x, y, new FitOptions().epochs(6).verbose(0).validationSplit(0.25).validationFreq(2));
        Document d = parse(h.toSvg(new PlotOptions()));
        assertThat(polylines(d, "loss")).containsExactly(6);
        assertThat(polylines(d, "val_loss")).containsExactly(3);
        // validation values sit at epochs 2, 4, 6: the x of its first point is that of the training curve's second
        NodeList lines = d.getElementsByTagName("polyline");
        String trainSecond = null;
        String valFirst = null;
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            String[] pts = l.getAttribute("points").split(" ");
            String parent = ((Element) l.getParentNode()).getAttribute("data-name");
            if (parent.equals("loss")) {
                trainSecond = pts[1].split(",")[0];
            } else if (parent.equals("val_loss")) {
                valFirst = pts[0].split(",")[0];
            }
        }
        assertThat(valFirst).isEqualTo(trainSecond);
    }
}
