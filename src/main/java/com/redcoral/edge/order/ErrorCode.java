package com.redcoral.edge.order;

/**
 * The error codes of a rejected command. The names are wire values (PROTOCOL.md §2): codes may be
 * added, never renamed. The codes after {@code STORAGE_UNAVAILABLE} are this implementation's
 * additions, documented in docs/orders.md, docs/resources.md, docs/node.md and docs/kitchen.md.
 */
public enum ErrorCode {
    INVALID_COMMAND,
    ORDER_NOT_FOUND,
    ORDER_NOT_ACTIVE,
    ITEM_NOT_FOUND,
    INSUFFICIENT_QUANTITY,
    PAYMENT_NOT_FOUND,
    PAYMENT_ALREADY_CANCELLED,
    NOT_FULLY_PAID,
    AMOUNT_MISMATCH,
    TABLE_OCCUPIED,
    TABLE_NOT_FOUND,
    PRODUCT_NOT_FOUND,
    UNKNOWN_OPERATOR,
    AUTHORIZATION_REQUIRED,
    AUTHORIZATION_FAILED,
    NOT_PRIMARY,
    STORAGE_UNAVAILABLE,
    /** A change would leave more paid on the order than it costs. */
    PAYMENTS_EXCEED_TOTAL,
    /** An order that still holds payments cannot be voided: cancel (refund) them first. */
    ORDER_HAS_PAYMENTS,
    /** Too many wrong PINs for this employee in a row: no PIN of theirs is checked until the pause ends. */
    AUTHORIZATION_THROTTLED,
    /** A resource change named an {@code expected_version} that is no longer the item's version. */
    VERSION_CONFLICT,
    /** A resource update or delete named an id that does not exist. */
    RESOURCE_NOT_FOUND,
    /** A token revocation named a token that was never issued. */
    TOKEN_NOT_FOUND,
    /** A terminal token presented at login is unknown, malformed or revoked. */
    AUTHENTICATION_FAILED,
    /** A login would open one connection more than {@code bridge.max_connections_per_identity} for its token. */
    TOO_MANY_CONNECTIONS,
    /** A resource create named an id that already exists. */
    RESOURCE_EXISTS,
    /** A resource cannot be deleted while other resources refer to it. */
    RESOURCE_IN_USE,
    /** The change would leave no active employee whose role holds {@code resources.manage}. */
    NO_MANAGER_LEFT,
    /** A bump or recall named a kitchen ticket the destination does not hold (never made, or done long ago). */
    TICKET_NOT_FOUND,
    /** A recall came more than the recall window after the ticket's bump. */
    RECALL_WINDOW_PASSED,
    /** A bump or recall named a cancelled ticket: there is nothing to make. */
    TICKET_CANCELLED
}
