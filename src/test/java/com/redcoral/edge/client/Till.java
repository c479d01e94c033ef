package com.redcoral.edge.client;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The example of docs/terminal.md: a till in a verticle of its own, whose screen follows a
 * {@link Terminal}. The same class runs in the node's JVM and across the network; only the line that
 * makes the terminal differs. It runs in {@link InProcessTerminalTest} and {@link RemoteTerminalTest}
 * ({@code aTillAsTheDocsShowIt}), so the documented code compiles and works.
 */
final class Till extends VerticleBase {

    private final Function<Vertx, Terminal> connect;
    private final Consumer<String> screen;
    private Terminal terminal;

    /** {@code connect} makes the terminal, for instance {@code vertx -> Terminal.inProcess(vertx, options)}. */
    Till(Function<Vertx, Terminal> connect, Consumer<String> screen) {
        this.connect = connect;
        this.screen = screen;
    }

    @Override
    public Future<?> start() {
        // On the verticle's context: the terminal belongs to it, and its listeners run on it.
        terminal = connect.apply(vertx)
                .onStateChange(state -> screen.accept("connection: " + state))
                .onChange(change -> screen.accept(switch (change) {
                    case Terminal.Change.OrderChanged c -> "order " + c.order().orderId() + ": " + c.event().type()
                            + ", total " + c.order().total();
                    case Terminal.Change.OrdersReloaded r -> "every order, as of " + r.sequence();
                    case Terminal.Change.ResourceChanged r -> "catalog: " + r.change().type().wireName();
                }));
        return Future.succeededFuture(); // no need to wait: the screen says when it is online
    }

    /** Opens a table as the cashier {@code emp_01}; the order's id, or the node's refusal. */
    Future<String> openTable(String tableId) {
        JsonObject command = new JsonObject()
                .put("command_id", UUID.randomUUID().toString()) // kept to send again if the outcome is unknown
                .put("timestamp", System.currentTimeMillis())
                .put("operator_id", "emp_01")
                .put("type", "OPEN_TABLE")
                .put("payload", new JsonObject().put("table_id", tableId));
        return terminal.send(command).compose(response -> response.success()
                ? Future.succeededFuture(response.orderId())
                : Future.failedFuture(response.error().code() + ": " + response.error().message()));
    }

    @Override
    public Future<?> stop() {
        return terminal.close();
    }
}
