package com.redcoral.edge.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A TCP proxy on loopback between remote terminals and a node, that a test can cut: {@link #sever()}
 * closes every connection through it and turns new ones away until {@link #restore()};
 * {@link #freeze()} silences the open ones without closing them. That is a real
 * network failure for the terminal (its socket closes; its new connections fail), with nothing faked
 * inside the library. The node's port is asked for each new connection, so the proxy follows a node
 * that restarted on another port. It forwards bytes as they are: TLS runs end to end, between the
 * terminal and the node.
 */
public final class SeverableProxy implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final IntSupplier nodePort;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    /** Each open connection's two sockets and the context they run on. */
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean severed;

    private SeverableProxy(Vertx vertx, IntSupplier nodePort) {
        this.nodePort = nodePort;
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(this::accept);
    }

    /** A proxy listening on an ephemeral loopback port, forwarding to {@code 127.0.0.1:nodePort}. */
    public static SeverableProxy start(Vertx vertx, IntSupplier nodePort) {
        SeverableProxy proxy = new SeverableProxy(vertx, nodePort);
        proxy.server.listen(0, "127.0.0.1").await();
        return proxy;
    }

    public int port() {
        return server.actualPort();
    }

    /** Connections terminals have opened through the proxy so far, turned away ones included. */
    int accepted() {
        return accepted.get();
    }

    /** Closes every connection through the proxy and turns new ones away; returns once they are closed. */
    public void sever() {
        severed = true;
        Future.all(List.copyOf(sockets).stream().map(NetSocket::close).toList()).await();
    }

    /**
     * The open connections go silent: nothing is forwarded any more either way, but no socket closes
     * (a cable pulled somewhere between, a NAT that forgot the connection). New connections work.
     */
    public void freeze() {
        Future.all(List.copyOf(pairs).stream().map(pair -> {
            Promise<Void> paused = Promise.promise();
            pair.context().runOnContext(v -> {
                pair.terminal().pause();
                pair.node().pause();
                paused.complete();
            });
            return paused.future();
        }).toList()).await();
    }

    /** Lets connections through again. */
    public void restore() {
        severed = false;
    }

    private void accept(NetSocket terminal) {
        accepted.incrementAndGet();
        if (severed) {
            terminal.close();
            return;
        }
        terminal.pause();
        client.connect(nodePort.getAsInt(), "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                terminal.close();
                return;
            }
            NetSocket node = connected.result();
            Pair pair = new Pair(terminal, node, Vertx.currentContext());
            sockets.add(terminal);
            sockets.add(node);
            pairs.add(pair);
            terminal.closeHandler(v -> {
                sockets.remove(terminal);
                pairs.remove(pair);
                node.close();
            });
            node.closeHandler(v -> {
                sockets.remove(node);
                terminal.close();
            });
            if (severed) { // cut while this one was being connected
                terminal.close();
                return;
            }
            terminal.pipeTo(node);
            node.pipeTo(terminal);
        });
    }

    private record Pair(NetSocket terminal, NetSocket node, Context context) { }

    @Override
    public void close() {
        sever();
        server.close().await();
        client.close().await();
    }
}
