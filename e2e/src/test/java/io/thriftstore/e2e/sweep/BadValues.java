package io.thriftstore.e2e.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.thriftstore.e2e.Platform;
import tools.jackson.databind.JsonNode;

/**
 * The values the sweep tries: fixed boundary and hostile values plus a few drawn from a seeded
 * {@link Random}, so every run sends the same requests. Body values are raw JSON text because
 * some of them (1e400, 30-digit integers, lone surrogates) cannot be built as Jackson nodes.
 */
final class BadValues {

    static final long SEED = 20_240_610L;
    private static final int RANDOM_PER_TARGET = 2;

    /** Under Tomcat's 8 KiB request line: longer is refused by the connector before any application code runs. */
    private static final String LONG_PARAMETER = "a".repeat(3000);
    private static final String OVERLONG_TEXT = "x".repeat(100_000);

    private final Random random = new Random(SEED);

    static final List<String> PARAMETERS = List.of(
            "", " ", "0", "-1", "-9223372036854775809", "99999999999999999999999999", "2147483648", "1e400",
            "NaN", "1.5", "true", "null", LONG_PARAMETER, "Ωmega 漢字 🎉 \u202Eevil", "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g", "../../etc/passwd", "%", ".*", "(a+)+$", "[", "\\",
            "^$|*?{}", "' OR '1'='1", "1; DROP TABLE orders--", "{\"$gt\":\"\"}", "{\"$where\":\"sleep(1000)\"}",
            "$ne", "user_a:user_b:user_c", "\u0000", "\t\r\n",
            // at and near the int limits, and where page * size stops fitting an int
            "2147483647", "2147483646", "-2147483648", "-2147483649", "1073741824", "21474837", "100000", "100001");

    /** Page and size together: each fits an int, their product (the offset) may not (DESIGN section 5, Paging). */
    static final List<String> PAGES = List.of("0", "1", "99999", "100000", "100001", "21474837", "1073741824", "2147483646", "2147483647");
    static final List<String> SIZES = List.of("1", "20", "100", "101", "2147483647");

    /** Replacements for one body field; a {@code null} entry means "leave the field out". */
    static final List<String> FIELD_VALUES = java.util.Collections.unmodifiableList(java.util.Arrays.asList(
            null, "null", "\"\"", "\"   \"", "\"" + OVERLONG_TEXT + "\"", "\"x\"", "123", "true", "{}", "[]",
            "[1,2,3]", "[{}]", "1e400", "123456789012345678901234567890", "-1", "-99999999999999", "0",
            "1.123456789", "-0.001", "\"{\\\"$gt\\\":\\\"\\\"}\"", "{\"$gt\":\"\"}", "\"\\ud800\"",
            "\"Ωmega 漢字 🎉\"", "\"<script>alert(1)</script>\"", "\"' OR '1'='1\"", "\"2024-13-45T99:99:99Z\"",
            nested(64)));

    /** Whole bodies: broken, empty, wrong shapes and depths. */
    static final List<String> BODIES = List.of(
            "", " ", "{", "{\"a\":", "}{", "not json", "[]", "[{}]", "null", "\"text\"", "123", "true", "{}",
            "{\"a\":1,\"a\":2}", "{\"name\":\"x\"}trailing", nested(3000), "[".repeat(3000) + "]".repeat(3000),
            "\uFEFF{}", "{\"\\u0000\":\"\\u0000\"}");

    static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A little over the documented 1 MB limit, as well-formed JSON so only the size is wrong. */
    static String overOneMegabyte() {
        return "{\"name\":\"" + "y".repeat(1_100_000) + "\"}";
    }

    List<String> randomParameters() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < RANDOM_PER_TARGET; i++) {
            values.add(randomText(1 + random.nextInt(60)));
        }
        return values;
    }

    List<String> randomFieldValues() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < RANDOM_PER_TARGET; i++) {
            values.add(switch (random.nextInt(4)) {
                case 0 -> Platform.JSON.writeValueAsString(randomText(1 + random.nextInt(300)));
                case 1 -> String.valueOf(random.nextLong());
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) + "";
                default -> "[" + random.nextInt() + ",\"" + random.nextInt() + "\"]";
            });
        }
        return values;
    }

    /** Mixed scripts, symbols, controls and surrogate pairs. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        int[][] ranges = {{0x20, 0x7E}, {0x00, 0x1F}, {0xA0, 0x24F}, {0x400, 0x4FF}, {0x4E00, 0x4FFF}, {0x1F600, 0x1F64F}};
        while (text.length() < length) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    /** A plausible value for a schema, so that one bad field at a time is what the service sees. */
    static JsonNode valid(JsonNode schema) {
        var nodes = Platform.JSON.getNodeFactory();
        if (schema == null || schema.isMissingNode()) {
            return nodes.stringNode("sweep");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                var object = nodes.objectNode();
                schema.path("properties").properties().forEach(p -> object.set(p.getKey(), valid(p.getValue())));
                yield object;
            }
            case "array" -> nodes.arrayNode().add(valid(schema.path("items")));
            case "integer" -> nodes.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> nodes.numberNode(new java.math.BigDecimal("12.50"));
            case "boolean" -> nodes.booleanNode(true);
            default -> switch (schema.path("format").asString("")) {
                case "uuid" -> nodes.stringNode(UUID.randomUUID().toString());
                case "date-time" -> nodes.stringNode("2024-06-10T12:00:00Z");
                case "date" -> nodes.stringNode("2024-06-10");
                default -> nodes.stringNode("sweep");
            };
        };
    }

    /** Path-parameter value that parses, for the requests whose subject is something else. */
    static String validParameter(JsonNode schema) {
        JsonNode value = valid(schema);
        return value.isString() ? value.asString() : value.toString();
    }

}
