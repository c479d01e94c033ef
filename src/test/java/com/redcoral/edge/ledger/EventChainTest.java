package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.EventJson;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventChainTest {

    /** Some 2,600 events as the ledger's writer makes them, with every event type. */
    private static final List<Commit.Entry> LOG = new ArrayList<>();

    static {
        LedgerFixture fixture = new LedgerFixture(2024);
        while (fixture.head().sequence() < 2_600) {
            LOG.addAll(fixture.randomCommit(30).events());
        }
    }

    private static final String HASH = "ab".repeat(32);

    private static RecordedEvent opened(long sequence, String note) {
        return new RecordedEvent("ev-" + sequence, sequence, "order-1", 1_737_270_000_123L, "emp_01", "Zhang San",
                "cmd-" + sequence, EventType.SCHEMA_VERSION, null,
                new OrderEvent.TableOpened("t1", "Table 1", "hall", 2, note, Percent.parse("12.5")));
    }

    @Test
    void canonicalFormSortsKeysOmitsTheHashAndWritesPlainNumbers() {
        String canonical = new String(EventChain.canonical(opened(1, null)), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"command_id\":\"cmd-1\",\"event_id\":\"ev-1\",\"event_type\":\"TABLE_OPENED\","
                + "\"operator_id\":\"emp_01\",\"operator_name\":\"Zhang San\",\"order_id\":\"order-1\","
                + "\"payload\":{\"guest_count\":2,\"note\":null,\"surcharge_percent\":12.5,\"table_id\":\"t1\","
                + "\"table_name\":\"Table 1\",\"zone_id\":\"hall\"},\"schema_version\":1,\"sequence\":1,"
                + "\"timestamp\":1737270000123}");
    }

    @Test
    void hashDependsOnThePreviousHashAndOnEveryField() {
        RecordedEvent first = EventChain.link(EventChain.GENESIS, opened(1, null));

        assertThat(first.hash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(EventChain.hash(EventChain.GENESIS, first)).isEqualTo(first.hash());
        assertThat(EventChain.hash("1".repeat(64), first)).isNotEqualTo(first.hash());
        assertThat(EventChain.hash(EventChain.GENESIS, opened(1, "window seat"))).isNotEqualTo(first.hash());
        assertThat(EventChain.hash(EventChain.GENESIS, opened(2, null))).isNotEqualTo(first.hash());
    }

    @Test
    void aHashThatFailsHalfwayLeavesNothingBehindForTheNext() {
        RecordedEvent first = EventChain.link(EventChain.GENESIS, opened(1, null));

        assertThatThrownBy(() -> EventChain.hash(EventChain.GENESIS, (byte[]) null));

        assertThat(EventChain.hash(EventChain.GENESIS, first)).isEqualTo(first.hash());
    }

    @Test
    void hashSurvivesTheWire() {
        RecordedEvent first = EventChain.link(EventChain.GENESIS, opened(1, null));
        RecordedEvent second = EventChain.link(first.hash(), opened(2, null));

        RecordedEvent read = EventJson.read(EventJson.write(second));

        assertThat(EventChain.hash(first.hash(), read)).isEqualTo(second.hash());
    }

    @Test
    void storedEventsOfEveryTypeAreReadInOnePassAsTheTreeReaderReadsThem() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (Commit.Entry entry : LOG) {
            RecordedEvent event = entry.event();
            types.add(event.type());
            assertThat(EventJson.readCanonical(entry.canonical())).as("read in one pass")
                    .contains(EventJson.fromTree(tree(entry.canonical())));
            assertThat(EventChain.read(event.hash(), entry.canonical())).isEqualTo(event);
        }
        assertThat(types).as("the fixture's log holds every event type").containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void bytesOutOfCanonicalShapeAreReadOrRefusedAsTheTreeReaderDoes() {
        byte[] canonical = LOG.stream().filter(e -> e.event().type() == EventType.ITEMS_ADDED).findFirst()
                .orElseThrow().canonical();
        String text = new String(canonical, StandardCharsets.UTF_8);
        ObjectNode payload = (ObjectNode) tree(canonical).get("payload");

        List<String> readInOnePass = List.of(
                text.replace(",\"", ", \""),
                edited(canonical, t -> ((ObjectNode) t.get("payload")).put("unknown", 1)));
        for (String json : readInOnePass) {
            assertReadAsTheTreeReaderReads(json);
            assertThat(EventJson.readCanonical(bytes(json))).as(json).isPresent();
            assertThat(EventChain.read(HASH, bytes(json)).type()).isEqualTo(EventType.ITEMS_ADDED);
        }

        List<String> readByTheTreeReader = List.of(
                "{\"payload\":" + payload + "," + text.substring(1).replace(",\"payload\":" + payload, ""),
                text.replace("{\"command_id\"", "{\"extra\":1,\"command_id\""),
                text.replace(",\"operator_id\"", ",\"hash\":\"" + "0".repeat(64) + "\",\"operator_id\""),
                edited(canonical, t -> t.remove("operator_name")));
        for (String json : readByTheTreeReader) {
            assertReadAsTheTreeReaderReads(json);
            assertThat(EventJson.readCanonical(bytes(json))).as(json).isEmpty();
            assertThat(EventChain.read(HASH, bytes(json)).type()).isEqualTo(EventType.ITEMS_ADDED);
        }

        List<String> refused = List.of("", "not json", "null", "[]", "{}", text + "{}", text + "x",
                text.replace("\"operator_id\":\"", "\"operator_id\":1,\"x\":\""),
                text.replace("{\"command_id\"", "{\"order_id\":\"x\",\"command_id\""),
                text.replace("{\"authorizer_id\":null,", "{\"authorizer_id\":null,\"authorizer_id\":null,"),
                edited(canonical, t -> t.putNull("payload")),
                edited(canonical, t -> t.putArray("payload")),
                edited(canonical, t -> t.putNull("order_id")),
                edited(canonical, t -> t.put("event_type", "ITEMS_TAKEN")),
                edited(canonical, t -> t.put("sequence", 2.0)),
                edited(canonical, t -> t.put("sequence", "2")),
                edited(canonical, t -> t.putNull("timestamp")),
                edited(canonical, t -> t.put("schema_version", 10_000_000_000L)),
                edited(canonical, t -> ((ObjectNode) t.get("payload")).put("authorizer_id", 1)),
                edited(canonical, t -> ((ObjectNode) t.get("payload").get("items").get(0)).put("quantity", 2.5)));
        for (String json : refused) {
            assertThatThrownBy(() -> EventJson.fromTree(tree(bytes(json)))).as(json)
                    .isInstanceOfAny(IllegalArgumentException.class, UncheckedIOException.class);
            assertReadAsTheTreeReaderReads(json);
        }
    }

    /** EventChain.read, and the one-pass reader when it reads at all, agree with the tree reader. */
    private static void assertReadAsTheTreeReaderReads(String json) {
        byte[] bytes = bytes(json);
        RecordedEvent strict;
        try {
            strict = EventJson.fromTree(tree(bytes));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            assertThat(EventJson.readCanonical(bytes)).as(json).isEmpty();
            assertThatThrownBy(() -> EventChain.read(HASH, bytes)).as(json).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        EventJson.readCanonical(bytes).ifPresent(event -> assertThat(event).as(json).isEqualTo(strict));
        assertThat(EventChain.read(HASH, bytes)).as(json).isEqualTo(EventChain.withHash(strict, HASH));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical bytes with a change, written back with sorted keys. */
    private static String edited(byte[] canonical, Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) tree(canonical);
        change.accept(tree);
        try {
            return Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
