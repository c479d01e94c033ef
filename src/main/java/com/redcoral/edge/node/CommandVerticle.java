package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Ledger;
import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.wire.CommandEnvelope;
import com.redcoral.edge.wire.CommandReader;
import com.redcoral.edge.wire.CommandResponse;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Command handling on {@code pos.orders.command}: parse, answer repeats of a command id, decide
 * with the {@link Ledger}, hand the decision to the writer and answer once it is durable. Runs as a
 * worker verticle (one thread, in order): deciding may read the store.
 *
 * <p>A body from the bridge is JSON and is answered in JSON; a {@link CommandEnvelope} from a
 * terminal in this JVM is answered with a {@link CommandResponse} record. After a failed write the
 * in-memory state is ahead of the disk, so every later command is refused with STORAGE_UNAVAILABLE.
 */
final class CommandVerticle extends VerticleBase {

    /** A write that takes this long means the disk is gone; the wait must not give up before the writer does. */
    private static final DeliveryOptions TO_WRITER = new DeliveryOptions().setSendTimeout(Duration.ofDays(1).toMillis());

    private static final System.Logger LOG = System.getLogger(CommandVerticle.class.getName());

    private final Supplier<Ledger> ledgerFactory;
    private final Clock clock;
    private final Map<String, Future<CommandResponse>> inFlight = new HashMap<>();
    private Ledger ledger;
    private WorkerExecutor pinWorkers;
    private boolean failed;

    CommandVerticle(Supplier<Ledger> ledgerFactory, Clock clock) {
        this.ledgerFactory = ledgerFactory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        ledger = ledgerFactory.get();
        pinWorkers = EdgeNode.pinWorkers(vertx);
        return vertx.eventBus().<Object>consumer(Addresses.ORDERS_COMMAND, this::handle).completion();
    }

    @Override
    public Future<?> stop() {
        return pinWorkers.close();
    }

    private void handle(Message<Object> message) {
        if (message.body() instanceof CommandEnvelope command) {
            answer(message, submit(command), response -> response);
            return;
        }
        CommandEnvelope command;
        try {
            if (!(message.body() instanceof JsonObject json)) {
                throw new InvalidField("body", "must be a JSON object");
            }
            command = CommandReader.read(json.encode());
        } catch (InvalidField e) {
            String commandId = message.body() instanceof JsonObject json && json.getValue("command_id") instanceof String id
                    ? id : null;
            message.reply(WireJson.of(CommandResponse.rejected(commandId, ErrorCode.INVALID_COMMAND, e.getMessage())));
            return;
        }
        answer(message, submit(command), WireJson::of);
    }

    /** Replies with the response, or — for a fault of the node's own, which is logged — fails the request. */
    private static void answer(Message<Object> message, Future<CommandResponse> response,
                               Function<CommandResponse, Object> body) {
        response.onComplete(done -> {
            if (done.succeeded()) {
                message.reply(body.apply(done.result()));
            } else {
                message.fail(500, "the node could not decide this command: " + done.cause());
            }
        });
    }

    private Future<CommandResponse> submit(CommandEnvelope command) {
        Future<CommandResponse> pending = inFlight.get(command.commandId());
        if (pending != null) {
            return pending.map(CommandResponse::asDuplicate);
        }
        // An approver's PIN takes ~0.1 s to check: on the PIN workers, so other tills wait for nothing.
        Future<CommandResponse> answer = command.authorizerId() == null
                ? decide(command, Optional.empty())
                : pinWorkers.executeBlocking(() -> ledger.approver(command), false)
                        .compose(approver -> decide(command, approver));
        inFlight.put(command.commandId(), answer);
        answer.onComplete(done -> inFlight.remove(command.commandId()));
        return answer;
    }

    private Future<CommandResponse> decide(CommandEnvelope command, Optional<PinGuard.Result> approver) {
        if (failed) {
            return Future.succeededFuture(storageUnavailable(command));
        }
        Ledger.Outcome outcome;
        try {
            outcome = ledger.decide(command, clock.millis(), approver);
        } catch (LedgerStoreException e) {
            failed = true;
            return Future.succeededFuture(storageUnavailable(command));
        } catch (RuntimeException fault) {
            LOG.log(System.Logger.Level.ERROR, "deciding " + command + " failed", fault);
            return Future.failedFuture(fault);
        }
        return switch (outcome) {
            case Ledger.Outcome.Answered answered -> Future.succeededFuture(answered.response());
            case Ledger.Outcome.Decided decided -> write(command, decided);
        };
    }

    private Future<CommandResponse> write(CommandEnvelope command, Ledger.Outcome.Decided decided) {
        return vertx.eventBus().request(Addresses.LEDGER_APPEND, decided.commit(), TO_WRITER)
                .map(ack -> {
                    ledger.committed(decided.commit());
                    return decided.response();
                })
                .recover(error -> {
                    failed = true;
                    return Future.succeededFuture(storageUnavailable(command));
                });
    }

    private static CommandResponse storageUnavailable(CommandEnvelope command) {
        return CommandResponse.rejected(command.commandId(), ErrorCode.STORAGE_UNAVAILABLE,
                "the node cannot write to its disk and takes no commands until it is restarted");
    }
}
