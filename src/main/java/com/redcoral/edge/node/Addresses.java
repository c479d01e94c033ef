package com.redcoral.edge.node;

import java.util.List;

/**
 * Every event-bus address of the node. The {@code pos.*} addresses are the wire contract
 * (PROTOCOL.md §1, and this implementation's documented additions); the {@code edge.*} ones connect
 * the node's own verticles, never leave the JVM and are never reachable through the bridge.
 */
public final class Addresses {

    public static final String ORDERS_COMMAND = "pos.orders.command";
    public static final String ORDERS_EVENTS = "pos.orders.events";
    public static final String ORDERS_SYNC = "pos.orders.sync";
    public static final String ORDERS_GET = "pos.orders.get";
    public static final String ORDERS_TIMELINE = "pos.orders.timeline";
    /** Addition: {@code {}} → {@code {server_sequence, orders}}, as {@code GET /api/orders/active}. */
    public static final String ORDERS_ACTIVE = "pos.orders.active";
    /** Addition: {@code {}} → the node's role, state, sequence and commit counters. */
    public static final String NODE_STATUS = "pos.node.status";

    public static final String RESOURCES_STATUS = "pos.resources.status";
    public static final String RESOURCES_LIST = "pos.resources.list";
    public static final String RESOURCES_CHANGES = "pos.resources.changes";
    public static final String RESOURCES_COMMAND = "pos.resources.command";
    public static final String RESOURCES_SYNC = "pos.resources.sync";

    /** Decided commands on their way to the single writer (a {@code Commit} each). */
    static final String LEDGER_APPEND = "edge.ledger.append";
    /** Group commits once durable, in order, for the broadcaster (a {@code CommittedBatch}). */
    static final String LEDGER_COMMITTED = "edge.ledger.committed";

    /** What a bridge client may send to. */
    public static final List<String> INBOUND = List.of(ORDERS_COMMAND, ORDERS_SYNC, ORDERS_GET, ORDERS_TIMELINE,
            ORDERS_ACTIVE, NODE_STATUS, RESOURCES_STATUS, RESOURCES_LIST, RESOURCES_CHANGES, RESOURCES_COMMAND);
    /** What a bridge client may listen to. */
    public static final List<String> OUTBOUND = List.of(ORDERS_EVENTS, RESOURCES_SYNC);

    private Addresses() {}
}
