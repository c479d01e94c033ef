package com.redcoral.edge.order;

import java.util.Objects;

/**
 * Everything a decision needs from outside the order book, resolved by the node before it decides:
 * who issued the command (and who approved it), the node's clock, one fresh identifier, and the
 * catalog. Keeping these out of the decider keeps it pure and replayable.
 *
 * @param commandId  the terminal's idempotency key
 * @param now        the node's time of decision, epoch milliseconds
 * @param operator   the active employee who issued the command
 * @param authorizer the employee who approved it, PIN already verified; null when none was given
 * @param newId      a fresh unique identifier, used for a new order or a new payment
 * @param catalog    products, tables and zones as they stand now
 */
public record CommandContext(String commandId, long now, Actor operator, Actor authorizer,
                             String newId, Catalog catalog) {

    public CommandContext {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(newId, "newId");
        Objects.requireNonNull(catalog, "catalog");
    }
}
