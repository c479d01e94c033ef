package com.redcoral.edge.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Where a {@link ResourceMirror} asks the node: one request, one JSON reply, on the addresses and
 * bodies of PROTOCOL.md §1 and §3. The local event bus and a {@link BridgeConnection} both fit in
 * one line, so a terminal in the node's JVM and one across the network run the same mirror.
 *
 * <p>A failed future and a reply {@code {"success": false, "error": …}} both mean the request
 * failed; the mirror treats them alike.
 */
@FunctionalInterface
public interface ResourceSource {

    /** Sends {@code body} to {@code address}; completes with the reply's body. */
    Future<JsonObject> request(String address, JsonObject body);

    /** The node's event bus in this JVM (replies time out after the bus's default, 30 s). */
    static ResourceSource eventBus(Vertx vertx) {
        return (address, body) -> vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
    }

    /** The node across the network, through its event-bus bridge. */
    static ResourceSource bridge(BridgeConnection connection, Duration timeout) {
        return (address, body) -> connection.request(address, body, timeout);
    }
}
