package dev.strata.testing;

/**
 * The bytes the current thread allocates while some code runs (HotSpot's per-thread counter): for tests that check
 * how a cost grows (linear, not quadratic) without timing anything.
 */
public final class AllocatedBytes {
    private AllocatedBytes() {
    }

    /** The bytes this thread allocated while {@code r} ran. */
    public static long during(Runnable r) {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }
}
