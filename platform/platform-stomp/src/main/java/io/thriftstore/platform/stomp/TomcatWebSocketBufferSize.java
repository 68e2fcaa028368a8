package io.thriftstore.platform.stomp;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Sets Tomcat's JVM-wide {@value #PROPERTY} (its WebSocket frame, output and encoder buffers per socket) from
 * {@code thriftstore.stomp.buffer-size} before the server starts, unless the JVM was given it; see
 * {@link StompSocketBuffers}. Its own class, free of spring-websocket types: it runs in every service,
 * with or without WebSocket support on the classpath.
 */
public final class TomcatWebSocketBufferSize implements EnvironmentPostProcessor {

    static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        DataSize size = Binder.get(environment).bind("thriftstore.stomp.buffer-size", DataSize.class)
            .orElse(DataSize.ofKilobytes(2));
        System.setProperty(PROPERTY, Integer.toString(bytes(size)));
    }

    /** 256 bytes to 64 KiB: smaller costs a system call per few bytes, larger is what the STOMP frame limit allows. */
    static int bytes(DataSize size) {
        return (int) Math.max(256, Math.min(size.toBytes(), 64 * 1024));
    }
}
