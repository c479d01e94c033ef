package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.EventJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventChainTest {

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
    void hashSurvivesTheWire() {
        RecordedEvent first = EventChain.link(EventChain.GENESIS, opened(1, null));
        RecordedEvent second = EventChain.link(first.hash(), opened(2, null));

        RecordedEvent read = EventJson.read(EventJson.write(second));

        assertThat(EventChain.hash(first.hash(), read)).isEqualTo(second.hash());
    }
}
