package com.redcoral.edge.access;

import static com.redcoral.edge.access.BridgePolicy.Kind.PUBLISH;
import static com.redcoral.edge.access.BridgePolicy.Kind.REGISTER;
import static com.redcoral.edge.access.BridgePolicy.Kind.SEND;
import static com.redcoral.edge.access.BridgePolicy.Verdict.ALLOWED;
import static com.redcoral.edge.access.BridgePolicy.Verdict.REJECTED;
import static com.redcoral.edge.access.BridgePolicy.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.Addresses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-role tables of the bridge, address by address. */
class BridgePolicyTest {

    static final Identity TILL = new Identity("till-1", Role.TERMINAL, null, Identity.Source.CERTIFICATE, "1f");
    static final Identity GRILL = new Identity("grill", Role.KITCHEN, "grill", Identity.Source.TOKEN, "ab");
    static final Identity ADMIN = new Identity("laptop", Role.ADMIN, null, Identity.Source.CERTIFICATE, "2e");

    static final List<String> TERMINAL_SENDS = List.of(Addresses.ORDERS_COMMAND, Addresses.ORDERS_SYNC,
            Addresses.ORDERS_GET, Addresses.ORDERS_TIMELINE, Addresses.ORDERS_AUDIT, Addresses.ORDERS_ACTIVE,
            Addresses.RESOURCES_STATUS, Addresses.RESOURCES_LIST, Addresses.RESOURCES_CHANGES, Addresses.NODE_STATUS,
            Addresses.AUTH_LOGIN, Addresses.AUTH_IDENTITY, Addresses.AUTH_OPERATOR, Addresses.ORDERS_QUOTE);
    static final List<String> ADMIN_ONLY_SENDS = List.of(Addresses.RESOURCES_COMMAND, Addresses.ADMIN_CONNECTIONS,
            Addresses.ADMIN_VERIFY, Addresses.ADMIN_BACKUP, Addresses.TOKENS_ISSUE, Addresses.TOKENS_REVOKE,
            Addresses.TOKENS_LIST, Addresses.CERTIFICATES_REVOKE, Addresses.CERTIFICATES_LIST, "pos.admin.restore");
    static final List<String> KITCHEN_SENDS = List.of(Addresses.KDS_TICKETS, Addresses.KDS_BUMP, Addresses.KDS_RECALL);
    static final Map<String, Object> OWN = Map.of("destination_id", "grill");
    static final Map<String, Object> OTHER = Map.of("destination_id", "bar");

    @Test
    void aTerminalSendsToTheOrderAndResourceReadsAndListensToEventsAndSync() {
        TERMINAL_SENDS.forEach(a -> assertThat(BridgePolicy.check(TILL, SEND, a, null)).as(a).isEqualTo(ALLOWED));
        ADMIN_ONLY_SENDS.forEach(a -> assertThat(BridgePolicy.check(TILL, SEND, a, null)).as(a).isEqualTo(REJECTED));
        KITCHEN_SENDS.forEach(a -> assertThat(BridgePolicy.check(TILL, SEND, a, OWN)).as(a).isEqualTo(REJECTED));
        assertThat(BridgePolicy.check(TILL, REGISTER, Addresses.ORDERS_EVENTS, null)).isEqualTo(ALLOWED);
        assertThat(BridgePolicy.check(TILL, REGISTER, Addresses.RESOURCES_SYNC, null)).isEqualTo(ALLOWED);
        assertThat(BridgePolicy.check(TILL, REGISTER, Addresses.kitchen("grill"), null)).isEqualTo(REJECTED);
        assertThat(BridgePolicy.check(TILL, REGISTER, Addresses.ADMIN_BACKUP_PROGRESS, null)).isEqualTo(REJECTED);
    }

    @Test
    void aKitchenUsesItsOwnDestinationOnly() {
        KITCHEN_SENDS.forEach(a -> {
            assertThat(BridgePolicy.check(GRILL, SEND, a, OWN)).as(a).isEqualTo(ALLOWED);
            assertThat(BridgePolicy.check(GRILL, SEND, a, OTHER)).as(a).isEqualTo(REJECTED);
            assertThat(BridgePolicy.check(GRILL, SEND, a, Map.of())).as(a).isEqualTo(REJECTED);
            assertThat(BridgePolicy.check(GRILL, SEND, a, null)).as(a).isEqualTo(REJECTED);
        });
        assertThat(BridgePolicy.check(GRILL, SEND, Addresses.AUTH_IDENTITY, null)).isEqualTo(ALLOWED);
        assertThat(BridgePolicy.check(GRILL, SEND, Addresses.AUTH_OPERATOR, OWN))
                .as("a kitchen has no operators signing in").isEqualTo(REJECTED);
        assertThat(BridgePolicy.check(GRILL, SEND, Addresses.ORDERS_QUOTE, OWN)).isEqualTo(REJECTED);
        assertThat(BridgePolicy.check(GRILL, SEND, Addresses.ORDERS_COMMAND, OWN)).isEqualTo(REJECTED);
        assertThat(BridgePolicy.check(GRILL, REGISTER, Addresses.kitchen("grill"), null)).isEqualTo(ALLOWED);
        assertThat(BridgePolicy.check(GRILL, REGISTER, Addresses.kitchen("bar"), null)).isEqualTo(REJECTED);
        assertThat(BridgePolicy.check(GRILL, REGISTER, Addresses.ORDERS_EVENTS, null)).isEqualTo(REJECTED);
    }

    @Test
    void anAdminUsesEveryAddressTheBridgeKnows() {
        for (List<String> addresses : List.of(TERMINAL_SENDS, ADMIN_ONLY_SENDS, KITCHEN_SENDS)) {
            addresses.forEach(a -> assertThat(BridgePolicy.check(ADMIN, SEND, a, OTHER)).as(a).isEqualTo(ALLOWED));
        }
        for (String out : List.of(Addresses.ORDERS_EVENTS, Addresses.RESOURCES_SYNC, Addresses.kitchen("bar"),
                Addresses.ADMIN_BACKUP_PROGRESS)) {
            assertThat(BridgePolicy.check(ADMIN, REGISTER, out, null)).as(out).isEqualTo(ALLOWED);
        }
    }

    @Test
    void addressesTheBridgeDoesNotKnowAreUnknownToEveryRole() {
        for (Identity who : List.of(TILL, GRILL, ADMIN)) {
            assertThat(BridgePolicy.check(who, SEND, "edge.ledger.append", null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, SEND, "pos.elsewhere", null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, SEND, null, null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, SEND, "__vertx.reply.1", null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, PUBLISH, Addresses.ORDERS_EVENTS, null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, PUBLISH, Addresses.ADMIN_BACKUP_PROGRESS, null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, REGISTER, Addresses.ORDERS_COMMAND, null)).isEqualTo(UNKNOWN);
            assertThat(BridgePolicy.check(who, REGISTER, "pos.kitchen.", null)).isEqualTo(UNKNOWN);
        }
    }
}
