package dev.strata.internal;

import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the first stack frame that belongs to the caller's code rather than to Strata, so errors can point
 * at the line of a user's {@code call()} that caused them.
 */
public final class CallSites {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource LIBRARY = CallSites.class.getProtectionDomain().getCodeSource();

    private CallSites() {
    }

    /**
     * The innermost frame whose class is neither part of the Strata library jar (or classes directory) nor of
     * the JDK.
     */
    public static Optional<StackTraceElement> firstUserFrame() {
        return WALKER.walk(frames -> frames
                .filter(f -> isUser(f.getDeclaringClass()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement));
    }

    /** " at Foo.call(Foo.java:12)" or the empty string when no user frame is on the stack. */
    public static String describeUserFrame() {
        return firstUserFrame().map(f -> " at " + f).orElse("");
    }

    /**
     * The innermost frame of {@code thrown}'s own stack trace (where it was raised) that belongs to the caller's
     * code. An error caught further out than it was raised (an op's shape error reaches the model's
     * {@code apply} after the user's {@code call()} has returned) still names the line in {@code call()} this
     * way, which the current stack no longer holds.
     */
    public static Optional<StackTraceElement> firstUserFrame(Throwable thrown) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            Class<?> type = classOf(frame);
            if (type != null && isUser(type)) {
                return Optional.of(frame);
            }
        }
        return Optional.empty();
    }

    /**
     * " at Foo.call(Foo.java:12)" for the innermost user frame where {@code thrown} was raised, else for the current
     * stack's, else the empty string.
     */
    public static String describeUserFrame(Throwable thrown) {
        return firstUserFrame(thrown).or(CallSites::firstUserFrame).map(f -> " at " + f).orElse("");
    }

    /** The class of a stack frame, or null if it cannot be found (a hidden class, another loader's class). */
    private static Class<?> classOf(StackTraceElement frame) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, CallSites.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(frame.getClassName(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    private static boolean isUser(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && !isLibrary(type);
    }

    private static boolean isLibrary(Class<?> type) {
        if (type.getModule().isNamed() && type.getModule() == CallSites.class.getModule()) {
            return true;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source != null && LIBRARY != null && source.getLocation() != null
                && source.getLocation().equals(LIBRARY.getLocation());
    }
}
