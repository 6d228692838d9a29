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
