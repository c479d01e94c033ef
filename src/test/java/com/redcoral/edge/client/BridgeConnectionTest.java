package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link BridgeConnection} against a real SockJS bridge (vertx-web) on an ephemeral port. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class BridgeConnectionTest {

    private static final Duration SECONDS = Duration.ofSeconds(5);
    private static final long BRIDGE_PING_TIMEOUT_MS = 250;

    private final List<SockJSSocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile Runnable onPing = () -> { };
    private URI uri;

    @BeforeEach
    void bridge(Vertx vertx, VertxTestContext ready) {
        vertx.eventBus().<JsonObject>consumer("test.echo", m -> m.reply(m.body()));
        vertx.eventBus().<JsonObject>consumer("test.fail", m -> m.fail(418, "no coffee here"));
        vertx.eventBus().<JsonObject>consumer("test.silent", m -> { });
        vertx.eventBus().<JsonObject>consumer("test.hangup", m -> sockets.forEach(SockJSSocket::close));
        // As the node closes the socket of a revoked credential: its reason first, then the close.
        vertx.eventBus().<JsonObject>consumer("test.revoke", m -> sockets.forEach(socket -> {
            socket.write(Buffer.buffer("{\"type\":\"err\",\"body\":\"credential_revoked\"}"));
            socket.close();
        }));
        SockJSBridgeOptions options = new SockJSBridgeOptions().setPingTimeout(BRIDGE_PING_TIMEOUT_MS);
        for (String address : List.of("test.echo", "test.fail", "test.silent", "test.hangup", "test.revoke",
                "test.guarded", "test.news")) {
            options.addInboundPermitted(new PermittedOptions().setAddress(address));
        }
        options.addOutboundPermitted(new PermittedOptions().setAddress("test.news"));
        Router router = Router.router(vertx);
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options, event -> {
            if (event.type() == BridgeEventType.SOCKET_CREATED) {
                sockets.add(event.socket());
            } else if (event.type() == BridgeEventType.SOCKET_PING) {
                pings.incrementAndGet();
                onPing.run();
            } else if (event.type() == BridgeEventType.SEND
                    && "test.guarded".equals(event.getRawMessage().getString("address"))) {
                // As the node's network listener answers a first frame that is not a login.
                event.socket().write(Buffer.buffer("{\"type\":\"err\",\"body\":\"auth_required\"}"));
                event.socket().close();
                event.complete(false);
                return;
            }
            event.complete(true);
        }));
        vertx.createHttpServer().requestHandler(router).listen(0)
                .onComplete(ready.succeeding(server -> {
                    uri = BridgeConnection.bridgeUri(URI.create("http://127.0.0.1:" + server.actualPort()));
                    ready.completeNow();
                }));
    }

    private io.vertx.core.Future<BridgeConnection> connect(Vertx vertx) {
        return BridgeConnection.connect(vertx, uri, BridgeOptions.defaults().withPingInterval(Duration.ofMillis(50)));
    }

    @Test
    void aRequestCompletesWithTheReplyBody(Vertx vertx, VertxTestContext test) {
        JsonObject body = new JsonObject().put("order_id", "o-1").put("amount", 500);
        connect(vertx)
                .compose(bridge -> bridge.request("test.echo", body, SECONDS))
                .onComplete(test.succeeding(reply -> test.verify(() -> {
                    assertThat(reply).isEqualTo(body);
                    test.completeNow();
                })));
    }

    @Test
    void aRegisteredHandlerReceivesWhatIsPublished(Vertx vertx, VertxTestContext test) {
        Checkpoint received = test.checkpoint(2);
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.register("test.news", body -> test.verify(() -> {
                assertThat(body.getString("headline")).isIn("from the bridge", "from the node");
                received.flag();
            })).onComplete(test.succeeding(v -> {
                bridge.publish("test.news", new JsonObject().put("headline", "from the bridge"));
                // Once a request has been answered, the earlier registration has surely been made.
                bridge.request("test.echo", new JsonObject(), SECONDS).onComplete(test.succeeding(r ->
                        vertx.eventBus().publish("test.news", new JsonObject().put("headline", "from the node"))));
            }));
        }));
    }

    @Test
    void aRefusedAddressFailsTheRequestAtOnce(Vertx vertx, VertxTestContext test) {
        connect(vertx).onComplete(test.succeeding(bridge -> {
            // A slow request to a permitted address is in flight when the refusal arrives.
            bridge.request("test.silent", new JsonObject(), SECONDS);
            bridge.request("test.echo", new JsonObject(), SECONDS)
                    .compose(r -> bridge.request("test.echo", new JsonObject(), SECONDS))
                    .compose(r -> bridge.request("pos.admin.secret", new JsonObject(), SECONDS))
                    .onComplete(test.failing(error -> test.verify(() -> {
                        assertThat(error).isInstanceOf(BridgeRefusedException.class)
                                .hasMessageContaining("pos.admin.secret").hasMessageContaining("access_denied");
                        assertThat(((BridgeRefusedException) error).reason()).isEqualTo("access_denied");
                        test.completeNow();
                    })));
        }));
    }

    @Test
    void aHandlersFailureCarriesItsCodeAndMessage(Vertx vertx, VertxTestContext test) {
        connect(vertx)
                .compose(bridge -> bridge.request("test.fail", new JsonObject(), SECONDS))
                .onComplete(test.failing(error -> test.verify(() -> {
                    assertThat(error).isInstanceOf(ReplyException.class).hasMessage("no coffee here");
                    assertThat(((ReplyException) error).failureCode()).isEqualTo(418);
                    assertThat(((ReplyException) error).failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
                    test.completeNow();
                })));
    }

    @Test
    void aRequestWithoutReplyTimesOut(Vertx vertx, VertxTestContext test) {
        connect(vertx)
                .compose(bridge -> bridge.request("test.silent", new JsonObject(), Duration.ofMillis(100)))
                .onComplete(test.failing(error -> test.verify(() -> {
                    assertThat(error).isInstanceOf(ReplyException.class).hasMessageContaining("test.silent");
                    assertThat(((ReplyException) error).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
                    test.completeNow();
                })));
    }

    @Test
    void closingFailsTheRequestsStillWaiting(Vertx vertx, VertxTestContext test) {
        Checkpoint done = test.checkpoint(2);
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.closeHandler(v -> done.flag());
            bridge.request("test.silent", new JsonObject(), SECONDS)
                    .onComplete(test.failing(error -> test.verify(() -> {
                        assertThat(error).isInstanceOf(HttpClosedException.class);
                        done.flag();
                    })));
            bridge.close();
        }));
    }

    @Test
    void theNodeHangingUpFailsTheRequestsStillWaiting(Vertx vertx, VertxTestContext test) {
        Checkpoint done = test.checkpoint(2);
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.closeHandler(v -> done.flag());
            bridge.request("test.hangup", new JsonObject(), SECONDS)
                    .onComplete(test.failing(error -> test.verify(() -> {
                        assertThat(error).isInstanceOf(HttpClosedException.class);
                        done.flag();
                    })));
        }));
    }

    @Test
    void theNodesReasonForClosingIsKeptAndChargedToNoRequest(Vertx vertx, VertxTestContext test) {
        Checkpoint done = test.checkpoint(3);
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.exceptionHandler(reported::add);
            bridge.closeHandler(v -> test.verify(() -> {
                assertThat(bridge.refusal()).hasValueSatisfying(refusal -> {
                    assertThat(refusal.reason()).isEqualTo("credential_revoked");
                    assertThat(refusal.credentialRefused()).isTrue();
                    assertThat(refusal.address()).isNull();
                });
                assertThat(reported).containsExactly(bridge.refusal().orElseThrow());
                done.flag();
            }));
            // Two requests to addresses new to the connection await their answer: neither is blamed.
            for (String address : List.of("test.silent", "test.revoke")) {
                bridge.request(address, new JsonObject(), SECONDS).onComplete(test.failing(error -> test.verify(() -> {
                    assertThat(error).as("the outcome is unknown, not refused").isInstanceOf(HttpClosedException.class);
                    done.flag();
                })));
            }
        }));
    }

    @Test
    void aRefusalThatAnswersAFrameFailsItAndIsKeptAsTheReasonForClosing(Vertx vertx, VertxTestContext test) {
        Checkpoint done = test.checkpoint(2);
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.closeHandler(v -> test.verify(() -> {
                assertThat(bridge.refusal()).hasValueSatisfying(refusal -> {
                    assertThat(refusal.reason()).isEqualTo("auth_required");
                    assertThat(refusal.credentialRefused()).isTrue();
                });
                done.flag();
            }));
            bridge.request("test.guarded", new JsonObject(), SECONDS).onComplete(test.failing(error -> test.verify(() -> {
                assertThat(error).isInstanceOfSatisfying(BridgeRefusedException.class, refused -> {
                    assertThat(refused.address()).isEqualTo("test.guarded");
                    assertThat(refused.reason()).isEqualTo("auth_required");
                });
                done.flag();
            })));
        }));
    }

    @Test
    void pingsKeepAnIdleConnectionOpenPastTheBridgesPingTimeout(Vertx vertx, VertxTestContext test) {
        connect(vertx).onComplete(test.succeeding(bridge -> {
            bridge.closeHandler(v -> {
                if (!test.completed()) {
                    test.failNow("the bridge closed the connection as idle");
                }
            });
            // 12 pings at 50 ms span more than twice the bridge's 250 ms ping timeout.
            onPing = () -> {
                if (pings.get() == 12) {
                    bridge.request("test.echo", new JsonObject(), SECONDS)
                            .onComplete(test.succeedingThenComplete());
                }
            };
        }));
    }
}
