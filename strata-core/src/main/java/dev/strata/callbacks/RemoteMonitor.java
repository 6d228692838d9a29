package dev.strata.callbacks;

import dev.strata.internal.config.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Posts the results of every epoch to a server, like {@code keras.callbacks.RemoteMonitor}: at each epoch end one
 * HTTP POST to {@code root + path} of the dictionary {@code {"epoch": <0-based epoch>, <log name>: <value>, ...}}
 * as Python's {@code json.dumps} writes it, sent as a form field ({@code field=<the JSON>},
 * {@code application/x-www-form-urlencoded}, as {@code requests.post(url, {field: json.dumps(send)})} sends it) or,
 * with {@link #sendAsJson(boolean) sendAsJson(true)}, as the body itself ({@code application/json}).
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(20).callbacks(
 *         new RemoteMonitor().root("http://localhost:9000").headers(Map.of("Authorization", "Bearer ..."))));
 * }</pre>
 *
 * <p>A server that cannot be reached (or, as in Keras, a JSON body that would need NaN or infinity, which
 * {@code requests} refuses) does not stop training: the callback prints Keras's warning
 * ({@code Could not reach RemoteMonitor root server at http://localhost:9000}) to standard error and goes on. The
 * server's reply and status are ignored, as Keras ignores them.
 */
public class RemoteMonitor extends Callback {
    private String root = "http://localhost:9000";
    private String path = "/publish/epoch/end/";
    private String field = "data";
    private Map<String, String> headers = Map.of();
    private boolean sendAsJson;
    private Duration timeout;

    /** Keras's defaults: {@code http://localhost:9000}, path {@code /publish/epoch/end/}, form field {@code data}. */
    public RemoteMonitor() {
    }

    /** The root URL of the server (default {@code http://localhost:9000}). */
    public RemoteMonitor root(String value) {
        root = Objects.requireNonNull(value, "root");
        return this;
    }

    /** The path relative to the root the events are posted to (default {@code /publish/epoch/end/}). */
    public RemoteMonitor path(String value) {
        path = Objects.requireNonNull(value, "path");
        return this;
    }

    /** The form field holding the JSON when it is not sent as JSON (default {@code data}). */
    public RemoteMonitor field(String value) {
        field = Objects.requireNonNull(value, "field");
        return this;
    }

    /**
     * Extra HTTP headers sent with every request.
     *
     * @throws IllegalArgumentException for a header name or value holding a line break (which would forge headers)
     */
    public RemoteMonitor headers(Map<String, String> value) {
        Objects.requireNonNull(value, "headers");
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getKey().isBlank()
                    || (e.getKey() + e.getValue()).matches("(?s).*[\r\n].*")) {
                throw new IllegalArgumentException("RemoteMonitor header " + e.getKey() + "=" + e.getValue()
                        + " is not a valid HTTP header (a non-blank name and a value without line breaks)");
            }
        }
        headers = new LinkedHashMap<>(value);
        return this;
    }

    /** Whether to send the JSON as the body ({@code application/json}) instead of a form field (default false). */
    public RemoteMonitor sendAsJson(boolean value) {
        sendAsJson = value;
        return this;
    }

    /**
     * How long to wait to connect and for the reply before warning and going on (default: no limit, as Keras's
     * {@code requests.post} without {@code timeout}).
     *
     * @throws IllegalArgumentException if not positive
     */
    public RemoteMonitor timeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("RemoteMonitor timeout must be positive, got " + value);
        }
        timeout = value;
        return this;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("epoch", epoch);
        if (logs != null) {
            send.putAll(logs);
        }
        boolean finite = send.values().stream()
                .allMatch(v -> !(v instanceof Double d) || Double.isFinite(d));
        String json = Json.write(send); // json.dumps(send)
        if (sendAsJson && !finite) {
            // requests.post(json=...) refuses NaN and infinity (InvalidJSONError), which Keras reports as unreachable
            warn(" (a value is NaN or infinite, which JSON cannot hold)");
            return;
        }
        byte[] body = (sendAsJson ? json : quotePlus(field) + "=" + quotePlus(json)).getBytes(StandardCharsets.UTF_8);
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(root + path).toURL().openConnection();
            try {
                if (timeout != null) {
                    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
                    c.setConnectTimeout(ms);
                    c.setReadTimeout(ms);
                }
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                c.setRequestProperty("Content-Type", sendAsJson ? "application/json"
                        : "application/x-www-form-urlencoded");
                headers.forEach(c::setRequestProperty);
                try (OutputStream os = c.getOutputStream()) {
                    os.write(body);
                }
                // the reply is read (so the connection can be reused) and ignored, whatever its status
                int status = c.getResponseCode();
                InputStream reply = status >= 400 ? c.getErrorStream() : c.getInputStream();
                if (reply != null) {
                    try (reply) {
                        reply.readAllBytes();
                    }
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a root that is no URL (requests' MissingSchema / InvalidURL)
            warn("");
        }
    }

    private void warn(String why) {
        System.err.println("Could not reach RemoteMonitor root server at " + root + why);
    }

    /** Python's {@code urllib.parse.quote_plus}, as {@code requests} encodes a form: UTF-8, {@code _.-~} kept. */
    static String quotePlus(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }
}
