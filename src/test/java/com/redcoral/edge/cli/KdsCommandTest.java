package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kds} end to end, in this JVM, against a real node over the loopback listener: tickets printed as they
 * come, a connection cut for real (a TCP proxy in between) and what happened meanwhile printed after the
 * reconnect, Ctrl-C, {@code --once}, and the exit status of every way it ends. {@link KdsTlsCommandTest} does
 * the same over the network listener, with kitchen certificates and tokens.
 */
@Timeout(90)
class KdsCommandTest {

    @TempDir
    Path dir;

    private final KdsUnderTest kds = new KdsUnderTest();
    private final Transcript out = kds.out;
    private final Transcript err = kds.err;

    @AfterEach
    void stopTheDisplay() throws Exception {
        kds.close();
    }

    @Test
    void printsTicketsAsTheyComeAndAfterACutConnectionWhatHappenedMeanwhile() throws Exception {
        try (KitchenNode node = new KitchenNode(dir); TcpProxy proxy = TcpProxy.start(node.vertx, node.port())) {
            String first = node.open("T1");
            String a = node.espressos(first, 2);

            start("--url", "http://127.0.0.1:" + proxy.port(), "--destination", "bar");
            assertThat(out.until("connected: 1 open ticket")).contains("Kitchen display of Bar (bar)")
                    .anySatisfy(line -> assertThat(line).contains("NEW", "#" + a + "  Table 1  (Zhang San)"))
                    .contains("             2 x Espresso");

            String second = node.open("T2");
            String b = node.espressos(second, 1);
            assertThat(out.until("#" + b)).last().asString().contains("NEW", "Table 2");
            node.request("pos.kds.bump", new JsonObject().put("destination_id", "bar").put("ticket_id", b));
            assertThat(out.until("#" + b)).last().asString().contains("DONE", "(by in-process)");

            proxy.sever();
            out.until("disconnected from the node");
            String c = node.espressos(first, 3);
            node.command("MOVE_ORDER", new JsonObject().put("order_id", first).put("target_table_id", "P1"));
            node.request("pos.kds.recall", new JsonObject().put("destination_id", "bar").put("ticket_id", b));
            assertThat(out.lines()).noneMatch(line -> line.contains("#" + c));
            proxy.restore();

            List<String> caughtUp = out.until("reconnected:");
            assertThat(caughtUp.getLast()).endsWith("reconnected: 1 new, 2 changed while away; 3 open tickets");
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("MOVED", "#" + a,
                    "Terrace 1, moved from Table 1"));
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("RECALLED", "#" + b, "Table 2"));
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("NEW", "#" + c, "Terrace 1"))
                    .contains("             3 x Espresso");

            // live again: a removal reaches it at once
            String line = node.request("pos.orders.get", new JsonObject().put("order_id", second))
                    .getJsonArray("items").getJsonObject(0).getString("instance_id");
            node.command("REMOVE_ITEM", new JsonObject().put("order_id", second).put("instance_id", line));
            assertThat(out.until("#" + b)).last().asString().contains("CANCELLED", "do not make 1 x Espresso");

            kds.ctrlC();
            assertThat(kds.exit(10)).isZero();
            assertThat(out.lines().getLast()).endsWith("stopped");
            assertThat(err.lines()).isEmpty();
        }
    }

    @Test
    void oncePrintsTheOpenTicketsAndExitsZero() throws Exception {
        try (KitchenNode node = new KitchenNode(dir)) {
            String ticket = node.espressos(node.open("T1"), 2);
            assertThat(run("--url", "http://127.0.0.1:" + node.port(), "--destination", "bar", "--once")).isZero();
            assertThat(out.lines()).contains("Kitchen display of Bar (bar)", "             2 x Espresso")
                    .anySatisfy(line -> assertThat(line).contains("NEW", "#" + ticket))
                    .last().asString().endsWith("connected: 1 open ticket");
        }
    }

    @Test
    void aDestinationTheNodeDoesNotKnowExitsOne() throws Exception {
        try (KitchenNode node = new KitchenNode(dir)) {
            assertThat(run("--url", "http://127.0.0.1:" + node.port(), "--destination", "grill")).isEqualTo(1);
            assertThat(err.lines()).containsExactly("redcoral-edge kds: the node refused this display: "
                    + "INVALID_REQUEST: destination_id: there is no print destination grill");
        }
    }

    @Test
    void wrongOptionsExitTwoAndSayWhich() throws Exception {
        assertThat(run("--destination", "bar", "--cert", dir.resolve("kds.pem").toString())).isEqualTo(2);
        assertThat(err.lines()).containsExactly("redcoral-edge kds: --ca and --cert need an https:// --url");
        assertThat(run("--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.lines()).anySatisfy(line -> assertThat(line).contains("--destination"));
    }

    @Test
    void onceWithoutANodeExitsThree() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("--url", "http://127.0.0.1:" + closedPort, "--destination", "bar", "--once")).isEqualTo(3);
        assertThat(err.lines()).singleElement().asString().startsWith("redcoral-edge kds: cannot reach the node");
    }

    private int run(String... args) {
        return kds.run(args);
    }

    private void start(String... args) {
        kds.start(args);
    }
}
