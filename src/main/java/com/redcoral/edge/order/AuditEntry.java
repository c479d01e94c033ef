package com.redcoral.edge.order;

/**
 * One line of an order's audit trail ({@code pos.orders.audit}): the event's place in the log, who did
 * it and who approved it, and the {@link AuditSentence} that says what happened.
 *
 * @param authorizerId   who approved an operation the operator lacked the permission for; null when
 *                       nobody had to (and for the event types that never need it)
 */
public record AuditEntry(long sequence, long timestamp, EventType eventType, String operatorId, String operatorName,
                         String authorizerId, String authorizerName, String sentence) {

    public static AuditEntry of(RecordedEvent event) {
        OrderEvent.Approved approval = event.payload() instanceof OrderEvent.Approved approved ? approved : null;
        return new AuditEntry(event.sequence(), event.timestamp(), event.type(), event.operatorId(),
                event.operatorName(), approval == null ? null : approval.authorizerId(),
                approval == null ? null : approval.authorizerName(), AuditSentence.of(event));
    }
}
