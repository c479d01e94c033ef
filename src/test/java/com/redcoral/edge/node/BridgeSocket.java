package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One raw WebSocket to the bridge, writing its frames by hand (so the tests check the wire, not a
 * client library): frames received go to a queue and are taken with a timeout.
 */
final class BridgeSocket {

    /** Put in the queue when the socket closes, so a waiting reader fails at once. */
    private static final JsonObject CLOSED = new JsonObject().put("type", "closed");

    final WebSocket ws;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private BridgeSocket(WebSocket ws) {
        this.ws = ws;
        ws.handler(data -> frames.add(new JsonObject(data)));
        ws.closeHandler(v -> {
            closed.countDown();
            frames.add(CLOSED);
        });
    }

    static BridgeSocket connect(WebSocketClient client, int port) {
        // Handlers are set on the connection's event loop as it opens, so no frame the node sends at once is missed.
        return client.connect(port, "127.0.0.1", "/eventbus/websocket").map(BridgeSocket::new).await();
    }

    /** Connects as a web page of {@code origin} would (its browser sends the page's origin). */
    static BridgeSocket connect(WebSocketClient client, int port, String origin) {
        return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/eventbus/websocket").addHeader("Origin", origin)).map(BridgeSocket::new).await();
    }

    static JsonObject send(String address, JsonObject body, String replyAddress) {
        return new JsonObject().put("type", "send").put("address", address).put("body", body)
                .put("replyAddress", replyAddress);
    }

    void write(JsonObject frame) {
        ws.writeTextMessage(frame.encode()).await();
    }

    /** Sends a request and waits for the frame that answers it. */
    JsonObject request(String address, JsonObject body, String replyAddress) throws InterruptedException {
        write(send(address, body, replyAddress));
        JsonObject frame;
        do {
            frame = next();
        } while (!replyAddress.equals(frame.getString("address")) && !"err".equals(frame.getString("type")));
        return frame;
    }

    JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 10 s").isNotNull();
        if (frame == CLOSED) {
            throw new IllegalStateException("the node closed the socket");
        }
        return frame;
    }

    /** Waits for an {@code err} frame and returns its body (the bridge's reason). */
    String nextError() throws InterruptedException {
        JsonObject frame = next();
        assertThat(frame.getString("type")).as("%s", frame).isEqualTo("err");
        return frame.getString("body");
    }

    void awaitClosed() throws InterruptedException {
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("socket closed by the node").isTrue();
    }
}
