package io.thriftstore.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of {@code ./thriftstore}: the commands that need the JVM.
 * <ul>
 * <li>{@code infra --data DIR}: PostgreSQL, Kafka and MongoDB on their default ports, data under DIR;
 * runs until stopped.</li>
 * <li>{@code token --data DIR <userId> [display name] [--ttl 1h]}: a dev bearer token, alone on the last line.</li>
 * <li>{@code demo --data DIR [--offset N]}: sample users, items with photos, orders and a chat, once.</li>
 * </ul>
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        Path data = Path.of(option(rest, "--data", ".data")).toAbsolutePath();
        switch (args[0]) {
            case "infra" -> LocalInfrastructure.runUntilStopped(data);
            case "demo" -> {
                System.setProperty("java.awt.headless", "true");
                new DemoData(data, Integer.parseInt(option(rest, "--offset", "0"))).seedOnce();
            }
            case "token" -> {
                Duration ttl = parseDuration(option(rest, "--ttl", "1h"));
                int offset = Integer.parseInt(option(rest, "--offset", "0"));
                if (rest.isEmpty()) {
                    usage();
                }
                String userId = rest.get(0);
                String name = rest.size() > 1 ? String.join(" ", rest.subList(1, rest.size())) : null;
                System.out.println(DevKeys.mint(data, offset, userId, name, ttl));
            }
            default -> usage();
        }
    }

    /** Removes {@code name value} from the arguments and returns the value, or the default. */
    static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase());
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text + " (use 90s, 15m, 1h, 2d)");
        };
    }

    private static void usage() {
        System.err.println("usage: Launcher infra --data DIR | token --data DIR <userId> [display name] [--ttl 1h]"
                + " | demo --data DIR [--offset N]");
        System.exit(2);
    }
}
