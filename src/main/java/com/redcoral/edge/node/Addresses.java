package com.redcoral.edge.node;

/**
 * Every event-bus address of the node. The {@code pos.*} addresses are the wire contract
 * (PROTOCOL.md §1, and this implementation's documented additions); the {@code edge.*} ones connect
 * the node's own verticles, never leave the JVM and are never reachable through the bridge. Which
 * {@code pos.*} addresses the bridge lets a socket use, by role, is {@code access.BridgePolicy}.
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

    /**
     * Addition: {@code {token}} → {@code {success, name, role, destination_id, source}}. On the network
     * listener, a socket without a client certificate must send this first; any other frame before a
     * successful login is refused ({@code auth_required}) and the socket closed.
     */
    public static final String AUTH_LOGIN = "pos.auth.login";
    /** Addition: {@code {}} → {@code {success, name, role, destination_id, source}}: who the node takes the caller for. */
    public static final String AUTH_IDENTITY = "pos.auth.identity";
    /**
     * Addition: {@code {operator_id, pin}} → {@code {success, operator_id, name, role_id, permissions}}: an
     * employee signs in at a till; the PIN is checked and throttled as an approver's is.
     */
    public static final String AUTH_OPERATOR = "pos.auth.operator";
    /**
     * Addition: {@code {order_id, items: [{instance_id, quantity}]}} → {@code {success, order_id, split_amount,
     * surcharge, lines, last_sequence}}: what a SPLIT_ORDER by those units must pay.
     */
    public static final String ORDERS_QUOTE = "pos.orders.quote";
    /**
     * Addition: {@code {order_id}} → {@code {order_id, entries: [{sequence, timestamp, event_type,
     * operator_id, operator_name, authorizer_id, authorizer_name, sentence}]}}: the timeline as audit sentences.
     */
    public static final String ORDERS_AUDIT = "pos.orders.audit";

    /** Kitchen tickets of one print destination are published on {@code pos.kitchen.<destination_id>}. */
    public static String kitchen(String destinationId) {
        return "pos.kitchen." + destinationId;
    }

    /** {@code {destination_id}} → the destination's open and recently bumped tickets. */
    public static final String KDS_TICKETS = "pos.kds.tickets";
    /** {@code {destination_id, ticket_id}}: the kitchen is done with a ticket. */
    public static final String KDS_BUMP = "pos.kds.bump";
    /** {@code {destination_id, ticket_id}}: a bumped ticket comes back, within the recall window. */
    public static final String KDS_RECALL = "pos.kds.recall";

    /** {@code {}} → the bridge sockets open now, each with its identity. */
    public static final String ADMIN_CONNECTIONS = "pos.admin.connections";
    /** {@code {}} → the live store's full check (replay against snapshots, the chain, the indexes). */
    public static final String ADMIN_VERIFY = "pos.admin.verify";
    /** {@code {folder}} → a consistent copy of the store in that folder on the node's machine. */
    public static final String ADMIN_BACKUP = "pos.admin.backup";
    /** Published while a backup runs: {@code {backup_id, files_done, files_total, bytes_done, bytes_total}}. */
    public static final String ADMIN_BACKUP_PROGRESS = "pos.admin.backup.progress";
    /** {@code {name, role, destination_id?}} → a new terminal token, shown this once. */
    public static final String TOKENS_ISSUE = "pos.admin.tokens.issue";
    /** {@code {token_id}}: the token stops working and its connections close. */
    public static final String TOKENS_REVOKE = "pos.admin.tokens.revoke";
    /** {@code {}} → every token issued, without its secret. */
    public static final String TOKENS_LIST = "pos.admin.tokens.list";
    /** {@code {serial}}: a terminal certificate stops working and its connections close. */
    public static final String CERTIFICATES_REVOKE = "pos.admin.certificates.revoke";
    /** {@code {}} → the revoked certificates. */
    public static final String CERTIFICATES_LIST = "pos.admin.certificates.list";

    /** Published in the JVM when a token or certificate is revoked: {@code {token_id}} or {@code {serial}}. */
    static final String CREDENTIALS_REVOKED = "edge.credentials.revoked";

    /** Decided commands on their way to the single writer (a {@code Commit} each). */
    static final String LEDGER_APPEND = "edge.ledger.append";
    /** Group commits once durable, in order, for the broadcaster (a {@code CommittedBatch}). */
    static final String LEDGER_COMMITTED = "edge.ledger.committed";

    private Addresses() {}
}
