package dev.strata.internal.io;

import dev.strata.ModelFormatException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A Keras 3 {@code .keras} file: a zip of {@code metadata.json}, {@code config.json} and
 * {@code model.weights.h5} (in that order, uncompressed), plus {@code assets/...} members when layers save
 * assets. This class is the container only: the config is kept as JSON text and the weights as a
 * {@link WeightsFile}; turning them into a model is the loader's job.
 *
 * <p>Written exactly as Keras 3.15 writes it (checked byte by byte against Python-written files):
 * {@code metadata.json} and {@code config.json} dated 1980-01-01 00:00, the weights member dated at saving
 * (Python's {@code zipfile} stamps members opened for writing with the local time), all STORED, Unix
 * attributes {@code 0600}. {@link #write(Path)} is atomic.
 *
 * <p>Reading checks the zip (see {@link ModelFormatException}): members inside the file, not overlapping,
 * sizes and CRCs right, compressed members limited; the three members present; both JSON members well-formed
 * objects; asset names relative and without {@code ..}.
 */
public final class KerasArchive {
    /** The metadata member's name. */
    public static final String METADATA = "metadata.json";
    /** The config member's name. */
    public static final String CONFIG = "config.json";
    /** The weights member's name. */
    public static final String WEIGHTS = "model.weights.h5";
    /** The prefix of asset members. */
    public static final String ASSETS = "assets/";

    /** Checks the members are JSON objects; Python writes NaN and Infinity bare (norm's {@code ord: Infinity}). */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final DateTimeFormatter KERAS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    private final String metadataJson;
    private final String configJson;
    private final WeightsFile weights;
    private final SequencedMap<String, byte[]> assets;
    private final String source;

    /**
     * An archive of the given parts.
     *
     * @param metadataJson the {@code metadata.json} text (see {@link #metadataJson(String, LocalDateTime)})
     * @param configJson the {@code config.json} text
     * @param weights the weights
     * @param assets asset files by path under {@code assets/} (e.g. {@code "string_lookup/vocabulary.txt"});
     *     may be empty
     * @throws IllegalArgumentException if an asset path is absolute, has {@code ..} or backslashes
     */
    public KerasArchive(String metadataJson, String configJson, WeightsFile weights, Map<String, byte[]> assets) {
        this(metadataJson, configJson, weights, assets, null);
        for (String name : assets.keySet()) {
            String problem = assetPathProblem(name);
            if (problem != null) {
                throw new IllegalArgumentException("asset path '" + name + "': " + problem);
            }
        }
    }

    private KerasArchive(String metadataJson, String configJson, WeightsFile weights, Map<String, byte[]> assets,
            String source) {
        this.metadataJson = metadataJson;
        this.configJson = configJson;
        this.weights = weights;
        this.assets = new LinkedHashMap<>(assets);
        this.source = source;
    }

    /**
     * The {@code metadata.json} text Keras writes: {@code {"keras_version": "3.15.1", "date_saved":
     * "2026-11-24@13:09:24"}} (Python's {@code json.dumps} spacing).
     */
    public static String metadataJson(String kerasVersion, LocalDateTime saved) {
        try {
            return "{\"keras_version\": " + JSON.writeValueAsString(kerasVersion) + ", \"date_saved\": "
                    + JSON.writeValueAsString(KERAS_DATE.format(saved)) + "}";
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a {@code .keras} file.
     *
     * @throws ModelFormatException if it is not a zip (an HDF5 file under a {@code .keras} name is reported as
     *     such), is damaged or hostile, or lacks a member
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static KerasArchive read(Path file) {
        return read(WeightsFile.readFile(file), file.toString());
    }

    /**
     * Reads {@code .keras} bytes; {@code source} names them in messages.
     *
     * @throws ModelFormatException if the bytes are not a valid Keras archive
     */
    public static KerasArchive read(byte[] bytes, String source) {
        FileFormat format = FileFormat.sniff(bytes);
        if (format == FileFormat.HDF5) {
            throw new ModelFormatException(source, null, "this is an HDF5 file, not a .keras zip archive "
                    + "(a legacy Keras .h5 model saved under a .keras name?); read it with LegacyH5");
        }
        if (format != FileFormat.KERAS_ZIP) {
            throw new ModelFormatException(source, null, "not a .keras zip archive (" + FileFormat.describeStart(bytes) + ")");
        }
        List<ZipCodec.Member> members = ZipCodec.read(bytes, source);
        byte[] metadata = null;
        byte[] config = null;
        byte[] weightBytes = null;
        SequencedMap<String, byte[]> assets = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (ZipCodec.Member m : members) {
            names.add(m.name());
            switch (m.name()) {
                case METADATA -> metadata = m.data();
                case CONFIG -> config = m.data();
                case WEIGHTS -> weightBytes = m.data();
                default -> {
                    if (m.name().startsWith(ASSETS) && !m.name().endsWith("/")) {
                        String rel = m.name().substring(ASSETS.length());
                        String problem = assetPathProblem(rel);
                        if (problem != null) {
                            throw new ModelFormatException(source, m.name(), "unsafe asset path: " + problem);
                        }
                        assets.put(rel, m.data());
                    }
                    // Other members (directory entries, files of newer Keras versions) are not needed.
                }
            }
        }
        String metadataText = requireJson(source, METADATA, metadata, names);
        JsonNode meta = parseObject(source, METADATA, metadataText);
        if (!meta.path("keras_version").isTextual()) {
            throw new ModelFormatException(source, METADATA, "no \"keras_version\" string");
        }
        String configText = requireJson(source, CONFIG, config, names);
        parseObject(source, CONFIG, configText);
        if (weightBytes == null) {
            String hint = names.contains("model.weights.npz") ? " (this file keeps its weights as .npz, which "
                    + "Strata does not read)" : names.contains("model.weights.json") ? " (sharded weights are "
                    + "not supported)" : "";
            throw new ModelFormatException(source, WEIGHTS, "member missing; the archive holds " + names + hint);
        }
        WeightsFile w = WeightsFile.read(weightBytes, source, WEIGHTS + ":");
        return new KerasArchive(metadataText, configText, w, assets, source);
    }

    private static String requireJson(String source, String member, byte[] data, List<String> names) {
        if (data == null) {
            throw new ModelFormatException(source, member, "member missing; the archive holds " + names);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, member, "not UTF-8 text", e);
        }
    }

    private static JsonNode parseObject(String source, String member, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ModelFormatException(source, member, "invalid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()), e);
        }
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(source, member, "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    private static String assetPathProblem(String rel) {
        if (rel.isEmpty() || rel.startsWith("/") || rel.contains("\\") || rel.contains(":") || rel.indexOf('\0') >= 0) {
            return "must be a relative path with '/' separators";
        }
        for (String part : rel.split("/", -1)) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                return "must not contain '..', '.' or empty segments";
            }
        }
        return null;
    }

    /** The {@code metadata.json} text. */
    public String metadataJson() {
        return metadataJson;
    }

    /** The {@code config.json} text. */
    public String configJson() {
        return configJson;
    }

    /** The weights. */
    public WeightsFile weights() {
        return weights;
    }

    /** Asset files by path under {@code assets/}, in archive order; not modifiable. */
    public SequencedMap<String, byte[]> assets() {
        return Collections.unmodifiableSequencedMap(assets);
    }

    /** The file this was read from, or {@code null} if built in memory. */
    public String source() {
        return source;
    }

    /**
     * {@code keras_version} from the metadata (e.g. {@code "3.15.1"}, or {@code "2.15.0"} for the Keras 2.13-2.15
     * files whose HDF5 group names hold backslashes), or {@code null} if the metadata has none.
     */
    public String kerasVersion() {
        try {
            JsonNode v = JSON.readTree(metadataJson).path("keras_version");
            return v.isTextual() ? v.asText() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The archive's bytes, with the weights member dated now (local time), as Keras does. */
    public byte[] toBytes() {
        return toBytes(LocalDateTime.now());
    }

    /** The archive's bytes, with the weights member (and assets) dated {@code weightsTime}. */
    public byte[] toBytes(LocalDateTime weightsTime) {
        List<ZipCodec.Member> members = new ArrayList<>();
        members.add(new ZipCodec.Member(METADATA, metadataJson.getBytes(StandardCharsets.UTF_8), ZIP_EPOCH));
        members.add(new ZipCodec.Member(CONFIG, configJson.getBytes(StandardCharsets.UTF_8), ZIP_EPOCH));
        members.add(new ZipCodec.Member(WEIGHTS, weights.toBytes(), weightsTime));
        for (Map.Entry<String, byte[]> a : assets.entrySet()) {
            members.add(new ZipCodec.Member(ASSETS + a.getKey(), a.getValue(), weightsTime));
        }
        return ZipCodec.write(members);
    }

    /**
     * Writes the archive atomically (temporary file in the same directory, flushed, renamed over {@code file}):
     * a failure or a kill during the save leaves any previous file intact.
     *
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void write(Path file) {
        AtomicFiles.write(file, toBytes());
    }

    @Override
    public String toString() {
        return "KerasArchive[" + (source == null ? "in memory" : source) + ", keras " + kerasVersion() + ", "
                + assets.size() + " assets]";
    }
}
