package io.thriftstore.e2e.sweep;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e2e module's shared {@code Platform} and {@code StompProbe}, reached from this package.
 * <p>
 * Both are package-private in {@code io.thriftstore.e2e} and owned by another engineer; calling
 * them reflectively keeps one platform per JVM (started by whichever class comes first) without
 * editing them. Making the two classes and the members used here public would replace this file.
 */
final class SharedPlatform {

    private static final Class<?> PLATFORM = type("io.thriftstore.e2e.Platform");
    private static final Class<?> PROBE = type("io.thriftstore.e2e.StompProbe");

    static final int OFFSET = (int) field("OFFSET");
    static final Path DATA = (Path) field("DATA");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private SharedPlatform() {
    }

    static void start() {
        invoke(method(PLATFORM, "start"), null);
    }

    static URI uri(int basePort, String path) {
        return URI.create("http://localhost:" + (basePort + OFFSET) + path);
    }

    static URI ws(int basePort) {
        return URI.create("ws://localhost:" + (basePort + OFFSET) + "/ws");
    }

    static String dashboardOrigin() {
        return "http://localhost:" + (3000 + OFFSET);
    }

    /** A healthy user's live connection, as the journeys hold it. */
    static final class Probe implements AutoCloseable {

        private final Object probe;

        private Probe(Object probe) {
            this.probe = probe;
        }

        static Probe connect(URI ws, String token) {
            return new Probe(invoke(method(PROBE, "connect", URI.class, String.class), null, ws, token));
        }

        Probe subscribe(String destination) {
            invoke(method(PROBE, "subscribe", String.class), probe, destination);
            return this;
        }

        void send(String destination, String json) {
            invoke(method(PROBE, "send", String.class, String.class), probe, destination, json);
        }

        JsonNode awaitFrame(String destination, Predicate<JsonNode> matching) {
            return (JsonNode) invoke(method(PROBE, "awaitFrame", String.class, Predicate.class), probe, destination, matching);
        }

        boolean connected() {
            return (boolean) invoke(method(PROBE, "connected"), probe);
        }

        @Override
        public void close() {
            invoke(method(PROBE, "close"), probe);
        }
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the test class path", e);
        }
    }

    private static Object field(String name) {
        try {
            var field = PLATFORM.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Platform." + name + " changed shape", e);
        }
    }

    private static Method method(Class<?> owner, String name, Class<?>... parameters) {
        try {
            Method method = owner.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(owner.getSimpleName() + "." + name + " changed shape", e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
