package dev.strata.internal.tensorboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event file, named as TF 2's summary writer names it
 * ({@code events.out.tfevents.<seconds>.<host>.<pid>.<counter>.v2}), starting with the file-version record.
 * Events are framed into a buffer by {@link #add} and appended by {@link #flush}, which opens the file, writes the
 * whole buffer and closes it again: no handle outlives a flush, so a run that ends by an exception leaves nothing
 * open, and every flushed record is whole on disk. A failed append is cut off again (the file truncated to its
 * length before), so the file never ends in half a record.
 */
public final class EventFileWriter {
    /** TF's process-wide file counter, which keeps two files made in the same second apart. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path file;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private EventFileWriter(Path file) {
        this.file = file;
    }

    /**
     * Creates a new event file in the existing directory {@code dir} and writes its file-version record.
     *
     * @throws UncheckedIOException naming the file if it cannot be created or written
     */
    public static EventFileWriter create(Path dir) {
        double now = now();
        String name = String.format(Locale.ROOT, "events.out.tfevents.%010d.%s.%d.%d.v2", (long) now, hostName(),
                ProcessHandle.current().pid(), COUNTER.getAndIncrement());
        Path file = dir.resolve(name);
        try {
            Files.write(file, Records.frame(Events.fileVersion(now)), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the error below is the one that matters
            }
            throw new UncheckedIOException("cannot create the TensorBoard event file " + file + ": " + e, e);
        }
        return new EventFileWriter(file);
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Frames one event (an {@link Events} payload) for the next {@link #flush}. */
    public void add(byte[] event) {
        Records.frameTo(pending, event);
    }

    /**
     * Appends the events added since the last flush.
     *
     * @throws UncheckedIOException naming the file if it cannot be written (what was appended of the batch is cut
     *     off again, so the file holds whole records only)
     */
    public void flush() {
        if (pending.size() == 0) {
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long before = ch.size();
            ch.position(before);
            try {
                while (data.hasRemaining()) {
                    ch.write(data);
                }
            } catch (IOException e) {
                ch.truncate(before);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TensorBoard event file " + file + ": " + e, e);
        }
    }

    /** Seconds since the epoch, to the microsecond, as TF's {@code NowMicros() / 1e6}. */
    public static double now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() + (t.getNano() / 1000) / 1e6;
    }

    /** The host name TF puts in file names ({@code gethostname()}); no name lookup, which may block. */
    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            h = System.getenv("COMPUTERNAME"); // Windows
        }
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                h = "";
            }
        }
        if (h.isBlank()) {
            h = "localhost";
        }
        return h.replace('/', '_').replace('\\', '_');
    }
}
