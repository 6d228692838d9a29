package dev.strata.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's directory (same file system,
 * so the rename cannot become a copy), is forced to disk, and is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers see the old file or the new one, never a mix; an exception
 * or a kill before the rename leaves the old file untouched. A kill leaves its {@code .NAME.<digits>.tmp} file
 * behind; the next write of the same target deletes such leftovers. The writer holds a lock on its temporary file
 * until the rename, so a leftover is told from a write still in progress (in this process or another) by whether
 * its lock can be taken.
 */
public final class AtomicFiles {
    /** Test hook, called after each chunk written to the temporary file with the bytes written so far. */
    interface ChunkHook {
        void afterChunk(Path temp, long written) throws IOException;
    }

    static final int CHUNK = 1 << 16;
    private static final ChunkHook NONE = (t, w) -> { };

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically.
     *
     * @throws UncheckedIOException if anything fails; the target is then as it was and the temporary file is
     *     removed
     */
    public static void write(Path target, byte[] content) {
        write(target, content, NONE);
    }

    @SuppressWarnings("try") // the lock is held by being open, never read
    static void write(Path target, byte[] content, ChunkHook hook) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = null;
        try {
            if (Files.isDirectory(abs)) {
                throw new IOException(target + " is a directory");
            }
            deleteLeftovers(dir, abs.getFileName().toString());
            temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            // The channel stays open, and its lock held, until the rename: a concurrent write of the same target
            // must not take this file for a leftover.
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 FileLock lock = lock(ch)) {
                long written = 0;
                while (written < content.length) {
                    int n = (int) Math.min(CHUNK, content.length - written);
                    ByteBuffer buf = ByteBuffer.wrap(content, (int) written, n);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    written += n;
                    hook.afterChunk(temp, written);
                }
                ch.force(true);
                try {
                    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    // Some file systems cannot rename atomically; replacing is still better than failing the save.
                    Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
                temp = null;
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed; a stray temporary file is the lesser problem.
                }
            }
        }
    }

    /** An exclusive lock on the temporary file, or null where the file system has no locks. */
    private static FileLock lock(FileChannel ch) {
        try {
            return ch.lock();
        } catch (IOException | UnsupportedOperationException e) {
            return null; // without locks, leftovers are never taken (see isLeftover)
        }
    }

    /**
     * Deletes the temporary files that earlier writes of {@code name} left in {@code dir} when they were killed:
     * files named {@code .NAME.<digits>.tmp} whose lock nobody holds.
     */
    static void deleteLeftovers(Path dir, String name) throws IOException {
        Pattern own = Pattern.compile("\\." + Pattern.quote(name) + "\\.\\d+\\.tmp");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> own.matcher(f.getFileName().toString()).matches()).toList()) {
                if (isLeftover(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Whether no writer holds the file's lock: it is a leftover. Unsure (no locks here, unreadable): false. */
    private static boolean isLeftover(Path temp) {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // a write in this process holds it
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS); else no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open directories; NTFS journals the rename itself.
        }
    }
}
