package io.thriftstore.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.thriftstore.platform.events.EventCodec.UndecodableEventException;

class EventCodecTests {

    /** Edits envelopes as trees; keeps decimals exact, as the codec does. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeSurvivesARoundTripWithItsTypedPayload(EventType type) {
        EventEnvelope<EventData> sent = EventEnvelope.of(type, "order-service", SampleEvents.dataFor(type, "agg-1"));

        EventEnvelope<EventData> received = EventCodec.decode(EventCodec.encode(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(received.data()).isInstanceOf(type.dataType());
        assertThat(received.eventType()).contains(type);
        assertThat(received.key()).isEqualTo("agg-1");
    }

    @Test
    void theJsonHasExactlyTheCloudEventsAttributesAndAPlainPayload() {
        EventEnvelope<EventData> sent =
                EventEnvelope.of(EventType.ORDER_CONFIRMED, "order-service", SampleEvents.dataFor(EventType.ORDER_CONFIRMED, "order-1"));

        JsonNode json = JSON.readTree(EventCodec.encode(sent));

        assertThat(fieldNames(json)).containsExactlyInAnyOrder(
                "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat(json.get("specversion").asString()).isEqualTo("1.0");
        assertThat(json.get("type").asString()).isEqualTo("order.confirmed.v1");
        assertThat(json.get("subject").asString()).isEqualTo("order-1");
        assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
        // ISO-8601 text, not epoch numbers: readable by any consumer, in any language.
        assertThat(json.get("time").isString()).isTrue();
        assertThat(json.get("data").get("createdAt").asString()).isEqualTo("2025-03-01T09:15:30.123456Z");
        assertThat(fieldNames(json.get("data"))).doesNotContain("eventKey").contains("previousStatus", "actorId");
    }

    @Test
    void moneyKeepsItsExactDecimalValueAndScale() {
        EventEnvelope<EventData> sent =
                EventEnvelope.of(EventType.ORDER_CREATED, "order-service", SampleEvents.dataFor(EventType.ORDER_CREATED, "order-1"));

        OrderEvent received = (OrderEvent) EventCodec.decode(EventCodec.encode(sent)).data();

        assertThat(received.total()).isEqualTo(new BigDecimal("160.30"));
        assertThat(received.items().get(0).unitPrice()).isEqualTo(new BigDecimal("120.50"));
    }

    @Test
    void amountsBeyondDoublePrecisionArriveExactly() {
        ProductEvent product = (ProductEvent) SampleEvents.dataFor(EventType.PRODUCT_CREATED, "product-1");
        ProductEvent expensive = new ProductEvent(product.id(), product.sellerId(), product.sellerName(), product.name(),
                product.description(), new BigDecimal("12345678901234567.89"), product.currency(), product.category(),
                product.condition(), product.quantity(), product.status(), product.imageUrls(), product.createdAt(),
                product.updatedAt(), product.version(), null, null);

        ProductEvent received = (ProductEvent) EventCodec.decode(
                EventCodec.encode(EventEnvelope.of(EventType.PRODUCT_CREATED, "product-service", expensive))).data();

        assertThat(received.price()).isEqualTo(new BigDecimal("12345678901234567.89"));
    }

    @Test
    void anUnknownTypeIsUndecodable() {
        ObjectNode json = envelopeJson();
        json.put("type", "order.teleported.v1");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json)))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("order.teleported.v1");
    }

    @Test
    void aNewerVersionOfAKnownEventIsUndecodable() {
        ObjectNode json = envelopeJson();
        json.put("type", "order.created.v2");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json))).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void anEnvelopeWithoutDataIsUndecodable() {
        ObjectNode json = envelopeJson();
        json.remove("data");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json))).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void anEnvelopeWithNullDataIsUndecodable() {
        ObjectNode json = envelopeJson();
        json.putNull("data");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json))).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void anEnvelopeWithoutAnIdOrWithAMalformedIdIsUndecodable() {
        ObjectNode withoutId = envelopeJson();
        withoutId.remove("id");
        ObjectNode malformedId = envelopeJson();
        malformedId.put("id", "not-a-uuid");

        assertThatThrownBy(() -> EventCodec.decode(bytes(withoutId))).isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(bytes(malformedId))).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void bytesThatAreNotJsonAreUndecodable() {
        assertThatThrownBy(() -> EventCodec.decode("\u0000\u0001 not json {".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("[1,2,3]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        ObjectNode json = envelopeJson();
        json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ((ObjectNode) json.get("data")).put("giftWrap", true);
        ((ObjectNode) json.get("data").get("items").get(0)).put("colour", "walnut");

        EventEnvelope<EventData> received = EventCodec.decode(bytes(json));

        assertThat(received.data()).isEqualTo(SampleEvents.dataFor(EventType.ORDER_CREATED, "order-1"));
    }

    @Test
    void optionalAttributesMayBeMissing() {
        ObjectNode json = envelopeJson();
        json.remove(List.of("source", "subject", "time", "datacontenttype"));

        EventEnvelope<EventData> received = EventCodec.decode(bytes(json));

        assertThat(received.time()).isNull();
        assertThat(received.subject()).isNull();
        assertThat(received.key()).isEqualTo("order-1");
    }

    private static ObjectNode envelopeJson() {
        EventEnvelope<EventData> envelope =
                EventEnvelope.of(EventType.ORDER_CREATED, "order-service", SampleEvents.dataFor(EventType.ORDER_CREATED, "order-1"));
        return (ObjectNode) JSON.readTree(EventCodec.encode(envelope));
    }

    private static byte[] bytes(JsonNode json) {
        return JSON.writeValueAsBytes(json);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.propertyNames().forEach(names::add);
        return names;
    }
}
