package com.redcoral.edge.bench;

import com.redcoral.edge.bench.LoadProfile.Mode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What an order bench measured over its window. "Durable" commands are the ACKed ones: the node
 * answers a command only once its events are committed with {@code sync=true}.
 *
 * @param seconds the measured window
 * @param sent commands due to be sent within the window (in open mode, by the schedule)
 * @param acked successful ACKs received within the window
 * @param failed NACKs ({@code success: false}), timeouts, lost connections and, in open mode,
 *     arrivals turned away at the in-flight limit, within the window
 * @param errors the first kinds of error met in the whole run, each with how often it came
 * @param latency ACK latency in microseconds, of successful commands intended within the window
 * @param eventsPerTerminal broadcast events each till received within the window
 * @param maxInFlight the most unanswered commands one till had, in the whole run
 * @param statusBefore {@code pos.node.status} at the window's start, or {@code null}
 * @param statusAfter {@code pos.node.status} at the window's end, or {@code null}
 */
public record BenchReport(LoadProfile profile, double seconds, long sent, long acked, long failed,
                          Map<String, Long> errors, Histogram latency, List<Long> eventsPerTerminal, int maxInFlight,
                          JsonObject statusBefore, JsonObject statusAfter) {

    private static final int ERRORS_SHOWN = 5;

    static BenchReport of(LoadProfile profile, Window window, List<Terminal.Result> tills,
                          JsonObject statusBefore, JsonObject statusAfter) {
        Histogram latency = new Histogram(3);
        tills.forEach(t -> latency.add(t.latency()));
        return new BenchReport(profile, window.seconds(),
                tills.stream().mapToLong(Terminal.Result::sent).sum(),
                tills.stream().mapToLong(Terminal.Result::acked).sum(),
                tills.stream().mapToLong(Terminal.Result::failed).sum(),
                firstErrors(tills),
                latency,
                tills.stream().map(Terminal.Result::events).toList(),
                tills.stream().mapToInt(Terminal.Result::maxInFlight).max().orElse(0),
                statusBefore, statusAfter);
    }

    private static Map<String, Long> firstErrors(List<Terminal.Result> tills) {
        Map<String, Long> errors = new LinkedHashMap<>();
        tills.forEach(t -> t.errors().forEach((kind, count) -> {
            if (errors.size() < ERRORS_SHOWN || errors.containsKey(kind)) {
                errors.merge(kind, count, Long::sum);
            }
        }));
        return errors;
    }

    public double durablePerSecond() {
        return acked / seconds;
    }

    public long eventsReceived() {
        return eventsPerTerminal.stream().mapToLong(Long::longValue).sum();
    }

    /** What the node did in the window: Δcommits, Δcommands, Δevents_published, or {@code null}. */
    public JsonObject nodeDelta() {
        if (statusBefore == null || statusAfter == null) {
            return null;
        }
        JsonObject delta = new JsonObject();
        for (String counter : List.of("commits", "commands", "events_published")) {
            Long from = statusBefore.getLong(counter);
            Long to = statusAfter.getLong(counter);
            delta.put(counter, from == null || to == null ? null : to - from);
        }
        Long commits = delta.getLong("commits");
        Long commands = delta.getLong("commands");
        delta.put("commands_per_fsync", commits == null || commands == null || commits == 0
                ? null : round((double) commands / commits));
        return delta;
    }

    public JsonObject json() {
        JsonArray perTerminal = new JsonArray();
        eventsPerTerminal.forEach(n -> perTerminal.add(round(n / seconds)));
        return new JsonObject()
                .put("mode", profile.mode().name().toLowerCase(Locale.ROOT))
                .put("terminals", profile.terminals())
                .put("rate", profile.mode() == Mode.OPEN ? profile.rate() : null)
                .put("warmup_s", profile.warmup().toMillis() / 1e3)
                .put("duration_s", round(seconds))
                .put("commands_sent", sent)
                .put("commands_acked", acked)
                .put("durable_commands_per_s", round(durablePerSecond()))
                .put("failures", failed)
                .put("errors", new JsonArray(errors.entrySet().stream()
                        .map(e -> new JsonObject().put("message", e.getKey()).put("count", e.getValue())).toList()))
                .put("ack_latency_us", new JsonObject()
                        .put("samples", latency.getTotalCount())
                        .put("p50", latency.getValueAtPercentile(50))
                        .put("p99", latency.getValueAtPercentile(99))
                        .put("p99_9", latency.getValueAtPercentile(99.9))
                        .put("max", latency.getMaxValue()))
                .put("events_received", eventsReceived())
                .put("events_per_s", round(eventsReceived() / seconds))
                .put("events_per_s_per_terminal", perTerminal)
                .put("max_in_flight_per_terminal", maxInFlight)
                .put("node", nodeDelta())
                .put("node_write_latency_us", statusAfter == null ? null : statusAfter.getJsonObject("write_latency_us"));
    }

    public String text() {
        String pace = profile.mode() == Mode.OPEN
                ? String.format(Locale.ROOT, "open loop at %.1f commands/s", profile.rate()) : "closed loop";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Order bench: %d terminals, %s, %s s measured after %s s of warm-up%n",
                profile.terminals(), pace, plain(seconds), plain(profile.warmup().toMillis() / 1e3)));
        line(out, "durable commands/s", "%.1f  (%d ACKed, %d sent, %d failed)", durablePerSecond(), acked, sent, failed);
        line(out, "ACK latency", "p50 %s  p99 %s  p99.9 %s  max %s  (%d samples)",
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getValueAtPercentile(99.9)), millis(latency.getMaxValue()), latency.getTotalCount());
        LongSummaryStatistics events = eventsPerTerminal.stream().mapToLong(Long::longValue).summaryStatistics();
        line(out, "events received/s", "%.1f in total, per terminal %.1f (min %.1f, max %.1f)",
                events.getSum() / seconds, events.getAverage() / seconds, events.getMin() / seconds,
                events.getMax() / seconds);
        JsonObject node = nodeDelta();
        if (node == null) {
            line(out, "commands per fsync", "unknown: pos.node.status did not answer");
        } else {
            line(out, "commands per fsync", "%s  (%s group commits carried %s commands, %s events published)",
                    node.getValue("commands_per_fsync"), node.getValue("commits"), node.getValue("commands"),
                    node.getValue("events_published"));
        }
        JsonObject writes = statusAfter == null ? null : statusAfter.getJsonObject("write_latency_us");
        if (writes != null) {
            line(out, "node write+fsync", "p50 %s  p99 %s  max %s  (every group commit since the node started)",
                    millis(writes.getLong("p50")), millis(writes.getLong("p99")), millis(writes.getLong("max")));
        }
        line(out, "max in flight", "%d per terminal", maxInFlight);
        errors.forEach((kind, count) -> line(out, "error", "%s  (%d in the whole run)", kind, count));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "  %-20s %s%n", label, String.format(Locale.ROOT, format, args)));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1e3);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
