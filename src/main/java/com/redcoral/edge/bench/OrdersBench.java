package com.redcoral.edge.bench;

import com.redcoral.edge.bench.LoadProfile.Mode;
import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bench orders}: tills ring up counter orders through the bridge (see {@link LoadGenerator})
 * against a running node or one it starts itself. Exits 1 when any command failed.
 */
@Command(name = "orders", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Drive terminals through counter orders (OPEN_TABLE, ADD_ITEMS, ADD_PAYMENT, COMPLETE_ORDER) over the "
                    + "event-bus bridge; report durable commands/s, ACK latency, broadcast events/s and commands "
                    + "per fsync.",
            "Without --url it starts a node of its own (java -jar <this jar> serve) on a temporary data directory "
                    + "and stops it afterwards."})
public final class OrdersBench implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", description = "A running node, http://HOST:PORT (default: start one).")
    URI url;

    @Option(names = "--terminals", paramLabel = "N", defaultValue = "8",
            description = "Terminals, each with its own bridge connection (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--mode", paramLabel = "closed|open", defaultValue = "closed", converter = ModeConverter.class,
            description = "closed: each terminal sends its next command when the last is ACKed; open: a fixed "
                    + "arrival rate, answered or not, latency from the schedule (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--rate", paramLabel = "R", description = "Open mode: commands per second over all terminals.")
    Double rate;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "Time before measuring: 500ms, 5s, 2m or seconds (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "20s", converter = DurationConverter.class,
            description = "The measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--product", paramLabel = "ID", defaultValue = "espresso",
            description = "The product every order buys two of (default: ${DEFAULT-VALUE}).")
    String product;

    @Option(names = "--price", paramLabel = "MINOR_UNITS", defaultValue = "250",
            description = "That product's catalog price, so orders are paid exactly (default: ${DEFAULT-VALUE}).")
    long price;

    @Option(names = "--operator", paramLabel = "ID", defaultValue = "emp_01",
            description = "The employee who rings the orders up (default: ${DEFAULT-VALUE}).")
    String operator;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long a command may wait for its ACK (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "64",
            description = "Unanswered commands per terminal; below the node's bridge.max_handlers_per_socket "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--listeners", paramLabel = "N",
            description = "How many of the terminals listen to pos.orders.events, as every till does (default: all). "
                    + "Each listener receives every event, so the node's broadcast work grows with them.")
    Integer listeners;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadProfile profile = profile();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Vertx vertx = Vertx.vertx();
        try (OwnNode node = url == null ? OwnNode.start() : null) {
            URI target = node == null ? url : node.url();
            err.printf("bench: %d terminals on %s, %s s of warm-up, then %s s measured%n", terminals, target,
                    seconds(warmup), seconds(duration));
            err.flush();
            URI bridge = BridgeConnection.bridgeUri(target);
            BenchReport report = new LoadGenerator(vertx, bridge, profile).run().await();
            CatchUpProbe.Result catchUp = BridgeConnection.connect(vertx, bridge, BridgeOptions.defaults())
                    .compose(probe -> CatchUpProbe.run(probe).eventually(probe::close)).await();
            if (json) {
                out.println(report.json().put("catch_up", catchUp == null ? null : catchUp.json()).encodePrettily());
            } else {
                out.print(report.text() + (catchUp == null ? "" : catchUp.text()));
            }
            out.flush();
            return report.failed() == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } finally {
            vertx.close().await();
        }
    }

    private static String seconds(Duration time) {
        return BigDecimal.valueOf(time.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private LoadProfile profile() {
        if (mode == Mode.OPEN && rate == null) {
            throw new ParameterException(spec.commandLine(), "--mode open needs --rate");
        }
        if (mode == Mode.CLOSED && rate != null) {
            throw new ParameterException(spec.commandLine(), "--rate applies to --mode open only");
        }
        try {
            return new LoadProfile(terminals, mode, rate == null ? 0 : rate, warmup, duration, product, price,
                    operator, timeout, maxInFlight, listeners == null ? terminals : listeners);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not closed or open");
            }
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, a plain number of seconds, or ISO-8601 ({@code PT5S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value);
            }
            Matcher m = FORM.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a time such as 500ms, 5s, 2m or 20");
            }
            long unitMillis = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1;
                case "m" -> 60_000;
                default -> 1_000;
            };
            return Duration.ofMillis(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis)).longValue());
        }
    }
}
