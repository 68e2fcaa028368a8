package io.thriftstore.perf.baseline;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The yardsticks the platform's figures are divided by. Without arguments: a minimal Spring Boot app
 * ({@code /hello}, {@code /select/{id}}, {@code POST /insert}) on the platform's PostgreSQL. With
 * {@code kafka ...} or {@code jdbc ...}: a plain-Java harness that prints its figures and exits (no Spring,
 * so nothing but the measured path runs). One jar, so perf/run.sh needs no second classpath.
 */
@SpringBootApplication
public class BaselineApplication {

    /** The platform's PostgreSQL server, as ./thriftstore hands it to the services. */
    static String serverUrl() {
        String url = System.getenv("POSTGRES_URL_BASE");
        return url == null || url.isBlank() ? "jdbc:postgresql://localhost:5432" : url;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (mode) {
            case "kafka" -> KafkaRoundTrip.main(rest);
            case "jdbc" -> JdbcInsertLoop.main(rest);
            case "hops" -> OrderHops.main(rest);
            case "drain" -> Drain.main(rest);
            default -> {
                BaselineSchema.ensure(serverUrl(), "postgres", "postgres");
                SpringApplication.run(BaselineApplication.class, args);
            }
        }
    }
}
