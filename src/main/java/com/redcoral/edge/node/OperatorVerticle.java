package com.redcoral.edge.node;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.resource.ResourceBook;
import com.redcoral.edge.resource.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Signing an operator in at a till: {@code pos.auth.operator {operator_id, pin}} →
 * {@code {success, operator_id, name, role_id, permissions}}. The till learns who works at it and what
 * their role lets them do (so it asks for a manager's PIN before a command that needs one), and the
 * node checks the PIN as it checks an approver's: on the PIN workers, throttled by the same
 * {@link PinGuard} counts. A command still carries only the operator's id (PROTOCOL.md §5): this check is
 * the till's gate, not a credential the node keeps.
 *
 * <p>Refusals: INVALID_REQUEST (a field missing or not a string), UNKNOWN_OPERATOR (no active employee
 * with that id), AUTHORIZATION_FAILED (a wrong PIN, or none set), AUTHORIZATION_THROTTLED (too many wrong
 * PINs in a row). No reply or log line holds the PIN.
 */
final class OperatorVerticle extends VerticleBase {

    private final ResourceBook book;
    private WorkerExecutor pinWorkers;

    OperatorVerticle(ResourceBook book) {
        this.book = book;
    }

    @Override
    public Future<?> start() {
        pinWorkers = EdgeNode.pinWorkers(vertx);
        return vertx.eventBus().<Object>consumer(Addresses.AUTH_OPERATOR, this::signIn).completion();
    }

    @Override
    public Future<?> stop() {
        return pinWorkers.close();
    }

    private void signIn(Message<Object> message) {
        Request request = Request.of(message);
        String operatorId;
        String pin;
        try {
            operatorId = request.text("operator_id");
            pin = request.text("pin");
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        if (book.directory().employee(operatorId).isEmpty()) {
            message.reply(WireJson.error(ErrorCode.UNKNOWN_OPERATOR.name(),
                    "operator_id " + operatorId + " is not an active employee"));
            return;
        }
        pinWorkers.executeBlocking(() -> book.directory().verifyPin(operatorId, pin), false)
                .onSuccess(result -> message.reply(switch (result) {
                    case PinGuard.Result.Verified verified -> signedIn(verified.actor());
                    case PinGuard.Result.Refused refused -> WireJson.error(ErrorCode.AUTHORIZATION_FAILED.name(),
                            "that is not the PIN of " + operatorId);
                    case PinGuard.Result.Throttled throttled -> WireJson.error(
                            ErrorCode.AUTHORIZATION_THROTTLED.name(), throttled.message(operatorId));
                }))
                .onFailure(fault -> message.fail(500, "the node could not check the PIN: " + fault));
    }

    private JsonObject signedIn(Actor actor) {
        JsonArray permissions = new JsonArray();
        actor.permissions().stream().map(Permission::wireName).sorted().forEach(permissions::add);
        String roleId = book.state().item(ResourceType.EMPLOYEE, actor.id())
                .flatMap(employee -> employee.text("role_id")).orElse(null);
        return new JsonObject().put("success", true).put("operator_id", actor.id()).put("name", actor.name())
                .put("role_id", roleId).put("permissions", permissions);
    }
}
