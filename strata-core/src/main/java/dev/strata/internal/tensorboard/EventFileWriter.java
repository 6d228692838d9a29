package dev.strata.internal.tensorboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
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
 * Events are framed into a buffer by {@link #add} and handed to the operating system by {@link #flush} (no
 * buffering in between), so every flushed record is whole in the file even if the program then fails. A failed
 * append is cut off again (the file truncated to its length before), so the file never ends in half a record.
 * {@link #close} closes the file; a writer dropped without it (a run ended by an exception) has its file closed
 * when it is collected, with nothing lost.
 */
public final class EventFileWriter implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    /** TF's process-wide file counter, which keeps two files made in the same second apart. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path file;
    private final FileChannel channel;
    private final Cleaner.Cleanable cleanable;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private EventFileWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.cleanable = CLEANER.register(this, () -> closeQuietly(channel));
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
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer first = ByteBuffer.wrap(Records.frame(Events.fileVersion(now)));
            while (first.hasRemaining()) {
                ch.write(first);
            }
        } catch (IOException e) {
            if (ch != null) {
                closeQuietly(ch);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the error below is the one that matters
                }
            }
            throw new UncheckedIOException("cannot create the TensorBoard event file " + file + ": " + e, e);
        }
        return new EventFileWriter(file, ch);
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
        long before = -1;
        try {
            before = channel.size();
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            if (before >= 0) {
                try {
                    channel.truncate(before);
                } catch (IOException ignored) {
                    // the write error is the one to report
                }
            }
            throw new UncheckedIOException("cannot write the TensorBoard event file " + file + ": " + e, e);
        }
    }

    /**
     * Flushes and closes the file; later calls do nothing.
     *
     * @throws UncheckedIOException naming the file if the last events cannot be written
     */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            flush();
        } finally {
            cleanable.clean();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was pending: every record was written when it was flushed
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
