package com.redcoral.edge.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a node, so a test can cut a terminal's connection for real: {@link #sever()} closes
 * every connection through it and refuses new ones until {@link #restore()}.
 */
final class TcpProxy implements AutoCloseable {

    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    private TcpProxy(Vertx vertx, int targetPort) {
        client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(in -> {
            if (!accepting) {
                in.close();
                return;
            }
            in.pause();
            client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
                if (connected.failed() || !accepting) {
                    in.close();
                    return;
                }
                NetSocket out = connected.result();
                open.add(in);
                open.add(out);
                in.closeHandler(v -> {
                    open.remove(in);
                    out.close();
                });
                out.closeHandler(v -> {
                    open.remove(out);
                    in.close();
                });
                in.pipeTo(out);
                out.pipeTo(in);
            });
        });
    }

    static TcpProxy start(Vertx vertx, int targetPort) {
        TcpProxy proxy = new TcpProxy(vertx, targetPort);
        proxy.server.listen(0, "127.0.0.1").await();
        return proxy;
    }

    int port() {
        return server.actualPort();
    }

    /** Closes every connection through the proxy, and refuses new ones. */
    void sever() {
        accepting = false;
        Future.join(List.copyOf(open).stream().map(NetSocket::close).toList()).await();
    }

    void restore() {
        accepting = true;
    }

    @Override
    public void close() {
        sever();
        server.close().await();
        client.close().await();
    }
}
