package com.redcoral.edge.order;

/**
 * The error codes of a rejected command. The names are wire values (PROTOCOL.md §2): codes may be
 * added, never renamed. The last two are this implementation's additions, documented in
 * docs/orders.md.
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
    ORDER_HAS_PAYMENTS
}
