package io.thriftstore.e2e.drills;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import io.thriftstore.testing.TopicRecords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the platform holds after a drill, read from each owner's store or API and from the topic itself:
 * the orders in order-service's database, the order.created events on order-events, the sellers'
 * ORDER_RECEIVED notifications in notification-service, the stock in product-service.
 */
final class Audit {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /** An order row: its status and its one item. */
    record StoredOrder(String id, String status, String reason, String productId, int quantity) {
    }

    /** order.created events of the given products: per order id, the distinct event ids; and the raw record count. */
    record CreatedEvents(Map<String, Set<String>> eventIdsByOrder, int records) {
        int distinctEvents() {
            return eventIdsByOrder.values().stream().mapToInt(Set::size).sum();
        }
    }

    private Audit() {
    }

    /** Waits until none of the orders of these products is PENDING; returns how long that took. */
    static Duration awaitFinal(Collection<String> productIds, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<String, Long> byStatus;
        long lastReport = start;
        do {
            byStatus = storedOrders(productIds).values().stream()
                    .collect(Collectors.groupingBy(StoredOrder::status, TreeMap::new, Collectors.counting()));
            if (!byStatus.containsKey("PENDING")) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                // The drain rate after a fault is the interesting figure when this times out.
                System.out.println("[drills] waiting for final statuses: " + byStatus);
                lastReport = System.nanoTime();
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("orders still not final after " + timeout + ": " + byStatus);
    }

    /** How many orders are PENDING and how old the oldest is: the platform's backlog, logged during the drills. */
    static String backlog() throws Exception {
        try (Connection c = DrillPlatform.ordersDatabase();
             PreparedStatement q = c.prepareStatement("select status, count(*), extract(epoch from now() - min(created_at))"
                     + " from orders group by status order by status");
             ResultSet rs = q.executeQuery()) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('=').append(rs.getLong(2));
                if (rs.getString(1).equals("PENDING")) {
                    out.append(" (oldest ").append(Math.round(rs.getDouble(3))).append(" s)");
                }
                out.append(' ');
            }
            return out.toString().trim();
        }
    }

    static Map<String, StoredOrder> storedOrders(Collection<String> productIds) throws Exception {
        Map<String, StoredOrder> orders = new HashMap<>();
        try (Connection c = DrillPlatform.ordersDatabase();
             PreparedStatement q = c.prepareStatement("select o.id::text, o.status, o.reason, i.product_id, i.quantity"
                     + " from orders o join order_item i on i.order_id = o.id where i.product_id = any(?)")) {
            Array ids = c.createArrayOf("varchar", productIds.toArray());
            q.setArray(1, ids);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    StoredOrder order = new StoredOrder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
                    if (orders.put(order.id(), order) != null) {
                        throw new AssertionError("the drills place one-item orders, but " + order.id() + " has several");
                    }
                }
            }
        }
        return orders;
    }

    /** Reads order-events from the beginning to its current end, keeping the events of the given type and products. */
    static CreatedEvents events(DrillPlatform platform, String type, Collection<String> productIds) {
        Set<String> products = new HashSet<>(productIds);
        Map<String, Set<String>> byOrder = new HashMap<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> record : TopicRecords.readAll(platform.kafka().bootstrapServers(), "order-events")) {
            JsonNode event = JSON.readTree(record.value());
            JsonNode data = event.path("data");
            if (!event.path("type").asString().equals(type)
                    || !products.contains(data.path("items").path(0).path("productId").asString())) {
                continue;
            }
            records++;
            byOrder.computeIfAbsent(data.path("id").asString(), k -> new HashSet<>()).add(event.path("id").asString());
        }
        return new CreatedEvents(byOrder, records);
    }

    /** Records on every dead-letter topic ({@code *.DLT}), per topic: what the platform gave up on. */
    static Map<String, Long> deadLetters(DrillPlatform platform) throws Exception {
        try (Admin admin = platform.admin()) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.endsWith(".DLT")).sorted().toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> {
                        earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                    }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> records = new TreeMap<>();
            topics.forEach(topic -> records.put(topic, 0L));
            end.forEach((partition, info) -> records.merge(partition.topic(), info.offset() - start.get(partition).offset(), Long::sum));
            return records;
        }
    }

    /** Per order id, how many ORDER_RECEIVED notifications its seller has (read through notification-service's API). */
    static Map<String, Integer> orderReceived(Collection<String> sellerTokens) throws Exception {
        Map<String, Integer> byOrder = new HashMap<>();
        for (String token : sellerTokens) {
            for (int page = 0; ; page++) {
                JsonNode body = get(DrillPlatform.NOTIFICATION, "/api/notifications?size=100&page=" + page, token);
                JsonNode content = body.path("content");
                for (JsonNode n : content) {
                    if (n.path("type").asString().equals("ORDER_RECEIVED")) {
                        byOrder.merge(n.path("link").asString().replace("/orders/", ""), 1, Integer::sum);
                    }
                }
                if (content.size() < 100 || page + 1 >= body.path("page").path("totalPages").asInt()) {
                    break;
                }
            }
        }
        return byOrder;
    }

    static int remainingStock(String productId) throws Exception {
        return get(DrillPlatform.PRODUCT, "/api/products/" + productId, null).path("quantity").asInt();
    }

    static JsonNode get(String service, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(DrillPlatform.uri(service, path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " on " + service + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(String service, String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(DrillPlatform.uri(service, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
