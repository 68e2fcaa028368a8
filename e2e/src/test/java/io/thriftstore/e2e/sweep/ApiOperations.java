package io.thriftstore.e2e.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The operations a service documents in its OpenAPI document: method, path template, parameters
 * and the JSON request body's schema with every {@code $ref} resolved. Only what the sweep needs
 * is read; anything else in the document is ignored.
 */
final class ApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private ApiOperations() {
    }

    record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema) {

        boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Operation> read(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters").values()) {
                    JsonNode resolved = resolve(document, parameter);
                    parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                            resolve(document, resolved.path("schema")), resolved.path("required").asBoolean()));
                }
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters),
                        body.isMissingNode() ? null : inline(document, body, 0)));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asString("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    /** The schema with references replaced by their targets (depth-bounded against recursive schemas). */
    private static JsonNode inline(JsonNode document, JsonNode schema, int depth) {
        JsonNode resolved = resolve(document, schema).deepCopy();
        if (depth > 6 || !resolved.isObject()) {
            return resolved;
        }
        var object = (tools.jackson.databind.node.ObjectNode) resolved;
        if (object.has("properties")) {
            var properties = (tools.jackson.databind.node.ObjectNode) object.get("properties");
            for (String name : List.copyOf(properties.propertyNames())) {
                properties.set(name, inline(document, properties.get(name), depth + 1));
            }
        }
        if (object.has("items")) {
            object.set("items", inline(document, object.get("items"), depth + 1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (object.path(combinator).isArray() && !object.path(combinator).isEmpty()) {
                // the first alternative is a representative shape for a valid body
                JsonNode first = inline(document, object.path(combinator).get(0), depth + 1);
                object.remove(combinator);
                first.properties().forEach(e -> object.putIfAbsent(e.getKey(), e.getValue()));
            }
        }
        return object;
    }
}
