package com.redcoral.edge.kitchen;

/**
 * What a kitchen display asks of the kitchen, with who asked ({@code by}, the connection's identity) and
 * when ({@code at}, the node's clock): the projection's own inputs besides the order events.
 */
public sealed interface KitchenCommand {

    String destinationId();

    String ticketId();

    String by();

    long at();

    /** The kitchen is done with an open ticket. */
    record Bump(String destinationId, String ticketId, String by, long at) implements KitchenCommand {}

    /** A bumped ticket back on the screen, if it was bumped no longer than the recall window ago. */
    record Recall(String destinationId, String ticketId, String by, long at) implements KitchenCommand {}
}
