package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RemoteMonitor sends the requests Keras's sends (tools/golden/callbacks14.py), to a local server on 127.0.0.1. */
class RemoteMonitorTest {
    private HttpServer server;
    private String root;
    /** Each request: path with query, Content-Type, X-Token, body. */
    private final List<String[]> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new String[] {ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Content-Type"),
                ex.getRequestHeaders().getFirst("X-Token"), new String(body, StandardCharsets.UTF_8),
                ex.getRequestMethod()});
            ex.sendResponseHeaders(ex.getRequestURI().getPath().contains("fail") ? 500 : 200, -1);
            ex.close();
        });
        server.start();
        root = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Map<String, Double> remoteLogs() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", 0.4302417039871216);
        m.put("mae", 2.5);
        m.put("val_loss", 1e-05);
        m.put("val_mae", 1.5e16);
        m.put("odd key~*", -0.0);
        return m;
    }

    private String[] send(RemoteMonitor cb, int epoch, Map<String, Double> logs) {
        requests.clear();
        String err = Drive.capture(true, () -> cb.onEpochEnd(epoch, logs));
        assertThat(err).isEmpty();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)[4]).isEqualTo("POST");
        return java.util.Arrays.copyOf(requests.get(0), 4);
    }

    @Test
    void formPostMatchesKeras() {
        assertThat(send(new RemoteMonitor().root(root), 3, remoteLogs())).containsExactly(CallbacksGolden.REMOTE_form);
    }

    @Test
    void jsonPostWithHeadersMatchesKeras() {
        RemoteMonitor cb = new RemoteMonitor().root(root).sendAsJson(true).headers(Map.of("X-Token", "abc 123"));
        assertThat(send(cb, 0, remoteLogs())).containsExactly(CallbacksGolden.REMOTE_json);
    }

    @Test
    void customPathAndFieldWithNaNMatchKeras() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", Double.NaN);
        logs.put("acc", Double.POSITIVE_INFINITY);
        RemoteMonitor cb = new RemoteMonitor().root(root).path("/custom/path?x=1").field("payload");
        assertThat(send(cb, 7, logs)).containsExactly(CallbacksGolden.REMOTE_field);
    }

    @Test
    void jsonWithNaNIsNotSentAndWarnsAsKerasDoes() {
        requests.clear();
        RemoteMonitor cb = new RemoteMonitor().root(root).sendAsJson(true);
        String err = Drive.capture(true, () -> cb.onEpochEnd(1, new LinkedHashMap<>(Map.of("loss", Double.NaN))));
        assertThat(requests).isEmpty();
        assertThat(err).startsWith(CallbacksGolden.REMOTE_jsonNan_WARNING.replace("<root>", root));
    }

    @Test
    void anUnreachableServerWarnsAndTrainingGoesOn() {
        server.stop(0);
        RemoteMonitor cb = new RemoteMonitor().root(root).timeout(Duration.ofSeconds(5));
        String err = Drive.capture(true, () -> cb.onEpochEnd(0, new LinkedHashMap<>(Map.of("loss", 1.0))));
        assertThat(err.strip()).isEqualTo(CallbacksGolden.REMOTE_DOWN_WARNING.replace("<root>", root));
        RemoteMonitor noUrl = new RemoteMonitor().root("not a url");
        String err2 = Drive.capture(true, () -> noUrl.onEpochEnd(0, new LinkedHashMap<>(Map.of("loss", 1.0))));
        assertThat(err2.strip()).isEqualTo("Could not reach RemoteMonitor root server at not a url");
    }

    @Test
    void anErrorStatusIsIgnoredAsKerasIgnoresIt() {
        RemoteMonitor cb = new RemoteMonitor().root(root).path("/fail");
        assertThat(send(cb, 0, new LinkedHashMap<>(Map.of("loss", 1.0)))[0]).isEqualTo("/fail");
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> new RemoteMonitor().headers(Map.of("X-A", "b\r\nX-Evil: 1")))
                .hasMessageContaining("RemoteMonitor header X-A").hasMessageContaining("not a valid HTTP header");
        assertThatThrownBy(() -> new RemoteMonitor().timeout(Duration.ZERO))
                .hasMessageContaining("RemoteMonitor timeout must be positive");
        assertThatThrownBy(() -> new RemoteMonitor().root(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void inFitPostsOnceAnEpoch() {
        Strata.setRandomSeed(8);
        Tensor x = Tensor.normal(Shape.of(16, 2), 0, 1);
        Tensor y = Tensor.normal(Shape.of(16, 1), 0, 1);
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile(new SGD(0.01f), new CompileOptions().loss("mse"));
        requests.clear();
        m.fit(x, y, new FitOptions().epochs(3).verbose(0).callbacks(new RemoteMonitor().root(root).sendAsJson(true)));
        assertThat(requests).hasSize(3);
        assertThat(requests.get(2)[3]).startsWith("{\"epoch\": 2, \"loss\": ");
    }
}
