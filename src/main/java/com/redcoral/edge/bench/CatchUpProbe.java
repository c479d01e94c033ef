package com.redcoral.edge.bench;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * How long a terminal that missed {@value #MISSED} events waits for them: {@code pos.orders.sync}
 * from {@code server_sequence - 1000}, timed from request to parsed reply over the bridge. That
 * includes the trip and the client's parsing, so it bounds the node's own part from above.
 */
final class CatchUpProbe {

    static final int MISSED = 1_000;
    private static final int ROUNDS = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The timing, or {@code null} when the node holds fewer than {@value #MISSED} events. */
    record Result(long events, Histogram micros) {
        String text() {
            return String.format("  catch-up of %d      p50 %.3f ms  max %.3f ms  (%d syncs over the bridge, %d events each)%n",
                    MISSED, micros.getValueAtPercentile(50) / 1000.0, micros.getMaxValue() / 1000.0,
                    micros.getTotalCount(), events);
        }

        JsonObject json() {
            return new JsonObject().put("missed", MISSED).put("events", events)
                    .put("p50_ms", micros.getValueAtPercentile(50) / 1000.0)
                    .put("max_ms", micros.getMaxValue() / 1000.0).put("syncs", micros.getTotalCount());
        }
    }

    private CatchUpProbe() {}

    static Future<Result> run(BridgeConnection probe) {
        return probe.request(Addresses.NODE_STATUS, new JsonObject(), TIMEOUT).compose(status -> {
            long server = status.getLong("server_sequence", 0L);
            if (server < MISSED) {
                return Future.succeededFuture(null);
            }
            Histogram micros = new Histogram(3);
            JsonObject request = new JsonObject().put("since_sequence", server - MISSED);
            Future<Long> rounds = Future.succeededFuture(0L);
            for (int i = 0; i < ROUNDS; i++) {
                rounds = rounds.compose(previous -> {
                    long started = System.nanoTime();
                    return probe.request(Addresses.ORDERS_SYNC, request, TIMEOUT).map(reply -> {
                        micros.recordValue((System.nanoTime() - started) / 1000);
                        return (long) reply.getJsonArray("events").size();
                    });
                });
            }
            return rounds.map(events -> new Result(events, micros));
        });
    }
}
