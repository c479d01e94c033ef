package com.redcoral.edge.client;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal in the node's JVM: the node's own event bus, the same addresses and JSON bodies as the
 * bridge.
 *
 * <p><b>What "connected" means here.</b> The bus itself never goes away, but the node can: its
 * verticles are undeployed when it stops and deployed again when it starts (a restart in the same
 * Vert.x on the same data folder). Then its addresses have no handlers and requests fail at once
 * with {@code NO_HANDLERS}. So a link is <em>opened</em> when the node answers a probe
 * ({@code pos.resources.status}), and the terminal takes it as <em>lost</em> when its heartbeat (the
 * same request) fails — with {@code NO_HANDLERS} because the node is gone, or by a timeout. A link's
 * registrations are the terminal's consumers on the bus; closing the link removes them, so a terminal
 * that is offline receives nothing, exactly as one whose socket closed.
 */
final class BusTransport implements TerminalTransport {

    private final Vertx vertx;
    private final Duration probeTimeout;

    BusTransport(Vertx vertx, Duration probeTimeout) {
        this.vertx = vertx;
        this.probeTimeout = probeTimeout;
    }

    @Override
    public Future<Link> open(Lost lost) {
        // The bus cannot break under a link: loss is found by the terminal's heartbeat, not reported here.
        BusLink link = new BusLink();
        return link.request(Addresses.RESOURCES_STATUS, new JsonObject(), probeTimeout).map(status -> link);
    }

    @Override
    public String describe() {
        return "the node in this JVM";
    }

    private final class BusLink implements Link {

        private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

        @Override
        public Future<JsonObject> request(String address, JsonObject body, Duration timeout) {
            return vertx.eventBus().<JsonObject>request(address, body,
                    new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis()))).map(Message::body);
        }

        @Override
        public Future<Void> register(String address, Handler<JsonObject> handler) {
            MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, m -> handler.handle(m.body()));
            consumers.add(consumer);
            return consumer.completion();
        }

        @Override
        public Future<Void> close() {
            List<Future<Void>> unregistered = consumers.stream().map(MessageConsumer::unregister).toList();
            consumers.clear();
            return Future.all(unregistered).mapEmpty();
        }
    }
}
