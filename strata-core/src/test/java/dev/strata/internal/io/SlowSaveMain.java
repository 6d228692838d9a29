package dev.strata.internal.io;

import java.nio.file.Path;

/**
 * Run by {@link KerasArchiveTest#killDuringSaveLeavesThePreviousFile}: saves {@code args[1]} bytes to
 * {@code args[0]} atomically, slowly, printing STARTED after the first chunk, so the test can kill the JVM
 * mid-write.
 */
public final class SlowSaveMain {
    private SlowSaveMain() {
    }

    /** Entry point: target path, content size. */
    public static void main(String[] args) {
        byte[] content = new byte[Integer.parseInt(args[1])];
        java.util.Arrays.fill(content, (byte) 'N');
        AtomicFiles.write(Path.of(args[0]), content, (temp, written) -> {
            if (written == AtomicFiles.CHUNK) {
                System.out.println("STARTED " + temp);
                System.out.flush();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("DONE");
    }
}
