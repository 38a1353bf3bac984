package io.rpcboot.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Virtual threads, which the benchmark uses on Java 21 or later although it is built for
 * Java 17: what needs them refuses to run on an older JVM rather than fall back to
 * platform threads unnoticed (Spring Boot ignores {@code spring.threads.virtual.enabled}
 * before Java 21).
 */
public final class VirtualThreads {

    private static final int FIRST_JAVA = 21;

    private VirtualThreads() {
    }

    /**
     * Returns why this JVM cannot run virtual threads, or {@code null} when it can.
     * @param what what needs them, named in the reason
     * @return the reason, or {@code null}
     */
    public static @Nullable String missing(String what) {
        if (Runtime.version().feature() >= FIRST_JAVA) {
            return null;
        }
        return what + " needs Java " + FIRST_JAVA + "+ (virtual threads), and this JVM is Java " + Runtime.version()
                + ": run with JAVA_HOME set to a JDK " + FIRST_JAVA + " or later";
    }

    /**
     * Throws when this JVM cannot run virtual threads.
     * @param what what needs them, named in the message
     * @throws IllegalStateException before Java 21
     */
    public static void require(String what) {
        String missing = missing(what);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
    }

    /**
     * Returns a factory of virtual threads ({@code Thread.ofVirtual().name(prefix, 0)
     * .factory()}), looked up once.
     * @return the factory
     * @throws IllegalStateException before Java 21
     */
    static ThreadFactory factory() {
        require("A scenario of virtual-thread callers");
        return Factory.CALLERS;
    }

    private static final class Factory {

        static final ThreadFactory CALLERS = lookUp("virtual-caller-");

        private static ThreadFactory lookUp(String prefix) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
                MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
                MethodHandle name = lookup.findVirtual(builder, "name",
                        MethodType.methodType(builder, String.class, long.class));
                MethodHandle factory = lookup.findVirtual(builder, "factory",
                        MethodType.methodType(ThreadFactory.class));
                return (ThreadFactory) factory.invoke(name.invoke(create.invoke(), prefix, 0L));
            }
            catch (Throwable ex) {
                throw new IllegalStateException("Cannot create virtual threads on Java " + Runtime.version(), ex);
            }
        }

    }

}
