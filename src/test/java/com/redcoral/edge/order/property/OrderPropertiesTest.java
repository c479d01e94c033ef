package com.redcoral.edge.order.property;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.redcoral.edge.order.CommandContext;
import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.Decision;
import com.redcoral.edge.order.InstanceId;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.Money;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderBook;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.OrderStatus;
import com.redcoral.edge.order.Payment;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.order.property.RandomCashier.Intent;
import com.redcoral.edge.order.property.RandomCashier.Planned;
import com.redcoral.edge.order.property.Till.Outcome;
import com.redcoral.edge.wire.EventJson;
import com.redcoral.edge.wire.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * What must hold for every shift of a till, whatever the cashiers do: random sequences of all 13
 * commands (see {@link RandomCashier}) are decided against an order book, and the accepted ones
 * recorded with global sequences by a {@link Till}.
 *
 * <ul>
 *   <li>A — the orders are exactly the fold of their events: replaying the log from nothing, per
 *       order or through the wire JSON, gives the state kept along the way, and every snapshot
 *       survives its JSON;</li>
 *   <li>B — a refused command records nothing and changes nothing, and deciding is pure;</li>
 *   <li>C — instance ids are the content address of their line's attributes, after any JSON round
 *       trip and in whatever order the options come;</li>
 *   <li>D — sequences have no gaps and one command's events are consecutive; a table holds at most
 *       one active order; nothing is ever paid beyond an order's total.</li>
 * </ul>
 * The seed is fixed so that every run tries the same shifts.
 */
class OrderPropertiesTest {

    private static final String SEED = "20250119";
    private static final int LONGEST_SHIFT = 40;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Provide
    Arbitrary<List<Intent>> shifts() {
        @SuppressWarnings("unchecked")
        Tuple.Tuple2<Integer, CommandType>[] weighted = RandomCashier.WEIGHTS.entrySet().stream()
                .map(w -> Tuple.of(w.getValue(), w.getKey())).toArray(Tuple.Tuple2[]::new);
        Arbitrary<CommandType> type = Arbitraries.frequency(weighted);
        return Combinators.combine(type, Arbitraries.longs()).as(Intent::new)
                .list().ofMinSize(1).ofMaxSize(LONGEST_SHIFT);
    }

    // ------------------------------------------------------------------------------ property A

    @Property(tries = 1000, seed = SEED)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void replayingTheLogFromNothingGivesTheStateKeptAlongTheWay(@ForAll("shifts") List<Intent> shift)
            throws JsonProcessingException {
        Till till = new Till();
        List<Map<String, Order>> keptAfterEachCommand = new ArrayList<>();
        for (Intent intent : shift) {
            Planned planned = RandomCashier.plan(intent, till.book());
            till.submit(planned.command(), planned.operator(), planned.authorizer());
            keptAfterEachCommand.add(byId(till.book()));
        }
        Map<String, Order> kept = byId(till.book());
        List<RecordedEvent> log = till.log();

        OrderBook replayed = new OrderBook();
        int next = 0;
        for (int command = 0; command < shift.size(); command++) {
            for (RecordedEvent event : till.outcomes().get(command).events()) {
                assertThat(event).isSameAs(log.get(next++));
                replayed.apply(event);
            }
            assertThat(byId(replayed)).as("after command %d", command + 1)
                    .isEqualTo(keptAfterEachCommand.get(command));
        }
        assertThat(replayed.lastSequence()).isEqualTo(till.book().lastSequence()).isEqualTo(log.size());

        assertThat(foldPerOrder(log)).isEqualTo(kept);

        List<RecordedEvent> throughJson = log.stream().map(e -> EventJson.read(EventJson.write(e))).toList();
        assertThat(throughJson).isEqualTo(log);
        assertThat(foldPerOrder(throughJson)).isEqualTo(kept);
        assertThat(byId(replay(throughJson))).isEqualTo(kept);

        OrderBook loaded = new OrderBook();
        for (Order order : kept.values()) {
            Order back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(order), Order.class);
            assertThat(back).isEqualTo(order);
            loaded.load(back);
        }
        assertThat(byId(loaded)).isEqualTo(kept);
        for (var table : TestStore.TABLES) {
            assertThat(loaded.activeAtTable(table.id())).isEqualTo(till.book().activeAtTable(table.id()));
        }
    }

    // ------------------------------------------------------------------------------ property B

    @Property(tries = 1000, seed = SEED)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void aRefusedCommandRecordsNothingAndChangesNothing(@ForAll("shifts") List<Intent> shift) {
        Till till = new Till();
        for (Intent intent : shift) {
            Planned planned = RandomCashier.plan(intent, till.book());
            CommandContext ctx = till.next(planned.operator(), planned.authorizer());
            Map<String, Order> before = byId(till.book());
            Map<String, Object> tablesBefore = tables(till.book());
            long sequenceBefore = till.book().lastSequence();
            int loggedBefore = till.log().size();
            Decision foreseen = OrderDecider.decide(till.book(), planned.command(), ctx);

            Outcome outcome = till.submit(planned.command(), ctx);

            assertThat(outcome.decision()).as("deciding is pure").isEqualTo(foreseen);
            if (!outcome.accepted()) {
                assertThat(outcome.events()).isEmpty();
                assertThat(till.log()).hasSize(loggedBefore);
                assertThat(till.book().lastSequence()).isEqualTo(sequenceBefore);
                assertThat(byId(till.book())).isEqualTo(before);
                assertThat(tables(till.book())).isEqualTo(tablesBefore);
                assertThat(OrderDecider.decide(replay(till.log()), planned.command(), ctx))
                        .as("the same refusal from the state rebuilt from the log").isEqualTo(foreseen);
            }
        }
    }

    // ------------------------------------------------------------------------------ property C

    @Property(tries = 1000, seed = SEED)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyInstanceIdIsTheAddressOfItsLineAfterJson(@ForAll("shifts") List<Intent> shift)
            throws JsonProcessingException {
        Till till = run(shift);
        for (Order order : till.book().all()) {
            Order back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(order), Order.class);
            back.items().forEach(OrderPropertiesTest::assertAddressed);
            assertThat(back.items()).extracting(Line::instanceId).doesNotHaveDuplicates();
        }
        for (RecordedEvent event : till.log()) {
            linesIn(EventJson.read(EventJson.write(event)).payload()).forEach(OrderPropertiesTest::assertAddressed);
        }
    }

    @Property(tries = 1000, seed = SEED)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void equalAttributesInAnyOptionOrderGiveTheSameInstanceId(
            @ForAll("optionSets") List<String> options, @ForAll long shuffle,
            @ForAll @IntRange(min = 0, max = 100_000) int price, @ForAll("percents") Percent discount,
            @ForAll("texts") String spec, @ForAll("texts") String note) {
        List<String> reordered = new ArrayList<>(options);
        Collections.shuffle(reordered, new Random(shuffle));
        List<String> untidy = new ArrayList<>(reordered.stream().map(o -> "  " + o + "\t").toList());
        untidy.addAll(options);
        List<String> withBlank = new ArrayList<>(untidy);
        withBlank.add(" ");

        String id = InstanceId.of("cola", price, discount, options, spec, note);
        assertThat(InstanceId.of("cola", price, discount, reordered, spec, note)).isEqualTo(id);
        assertThat(InstanceId.of("cola", price, discount, withBlank, spec, note)).isEqualTo(id);
        assertThat(InstanceId.of("cola", price, discount, options, pad(spec), pad(note))).isEqualTo(id);
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(InstanceId.of("cola", price, discount, Stream.concat(options.stream(), Stream.of("other"))
                .toList(), spec, note)).isNotEqualTo(id);
        assertThat(InstanceId.of("cola", price + 1L, discount, options, spec, note)).isNotEqualTo(id);

        Till till = new Till();
        OrderCommand open = new OpenTable(null, null, null, null, null);
        String orderId = till.submit(open, TestStore.ADMIN, null).events().getFirst().orderId();
        till.submit(new AddItems(orderId, List.of(new CartItem("cola", null, (long) price, 1, discount, options,
                spec, note))), TestStore.ADMIN, null);
        Outcome again = till.submit(new AddItems(orderId, List.of(new CartItem("cola", null, (long) price, 2,
                discount, untidy, pad(spec), pad(note)))), TestStore.ADMIN, null);
        assertThat(again.accepted()).isTrue();
        Order order = till.book().find(orderId).orElseThrow();
        assertThat(order.items()).singleElement().satisfies(line -> {
            assertThat(line.quantity()).isEqualTo(3);
            assertThat(line.instanceId()).isEqualTo(Line.of("cola", "Cola", price, 3, discount, reordered, spec,
                    note).instanceId());
            assertAddressed(line);
        });
    }

    @Provide
    Arbitrary<List<String>> optionSets() {
        return Arbitraries.of("no ice", "extra shot", "oat milk", "少冰", "é", "e\u0301", "Z", "z", "🌶", "a|b",
                "1:x").set().ofMaxSize(6).map(List::copyOf);
    }

    @Provide
    Arbitrary<Percent> percents() {
        return Arbitraries.integers().between(0, 10_000).map(bp -> Percent.of(BigDecimal.valueOf(bp, 2)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("large", "well done", "多辣", "-", "3:abc").injectNull(0.3);
    }

    private static String pad(String text) {
        return text == null ? null : " " + text + "  ";
    }

    // ------------------------------------------------------------------------------ property D

    @Property(tries = 1000, seed = SEED)
    void sequencesHaveNoGapsTablesHoldOneOrderAndNothingIsOverpaid(@ForAll("shifts") List<Intent> shift) {
        Till till = new Till();
        for (Intent intent : shift) {
            Planned planned = RandomCashier.plan(intent, till.book());
            long unitsBefore = units(till.book());
            Outcome outcome = till.submit(planned.command(), planned.operator(), planned.authorizer());
            assertEventsAgreeWithTheBook(outcome, unitsBefore, till.book());
            Statistics.label("command").collect(outcome.type().name(), outcome.accepted() ? "accepted" : "refused");
            if (outcome.decision() instanceof Decision.Rejected rejected) {
                Statistics.label("refusal").collect(rejected.code().name());
            }
            assertInvariants(till.book());
        }

        List<RecordedEvent> log = till.log();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).sequence()).isEqualTo(i + 1L);
        }
        long next = 1;
        for (Outcome outcome : till.outcomes()) {
            for (RecordedEvent event : outcome.events()) {
                assertThat(event.sequence()).isEqualTo(next++);
                assertThat(event.commandId()).isEqualTo(outcome.context().commandId());
            }
        }
        Map<String, List<Long>> sequencesByCommand = log.stream().collect(Collectors.groupingBy(
                RecordedEvent::commandId, LinkedHashMap::new,
                Collectors.mapping(RecordedEvent::sequence, Collectors.toList())));
        sequencesByCommand.values().forEach(sequences ->
                assertThat(sequences.getLast() - sequences.getFirst()).isEqualTo(sequences.size() - 1L));

        Statistics.label("command").coverage(coverage -> {
            for (CommandType type : CommandType.values()) {
                coverage.check(type.name(), "accepted").count(n -> n > 0);
                coverage.check(type.name(), "refused").count(n -> n > 0);
            }
        });
    }

    /**
     * The mix of a fixed set of shifts, as a plain example: every command type is accepted and
     * refused somewhere, most commands are accepted, and the refusals cover the codes of the rules.
     */
    @Example
    void theShiftsExerciseEveryCommandBothWays() {
        Random random = new Random(Long.parseLong(SEED));
        Map<CommandType, int[]> tally = new EnumMap<>(CommandType.class);
        Map<String, Integer> refusals = new LinkedHashMap<>();
        Map<String, Integer> reached = new LinkedHashMap<>();
        int commands = 0;
        int accepted = 0;
        for (int shift = 0; shift < 300; shift++) {
            Till till = run(RandomCashier.intents(random, LONGEST_SHIFT));
            for (Outcome outcome : till.outcomes()) {
                tally.computeIfAbsent(outcome.type(), t -> new int[2])[outcome.accepted() ? 0 : 1]++;
                commands++;
                if (outcome.accepted()) {
                    accepted++;
                    outcome.events().forEach(e -> features(e.payload()).forEach(f -> reached.merge(f, 1, Integer::sum)));
                } else {
                    refusals.merge(((Decision.Rejected) outcome.decision()).code().name(), 1, Integer::sum);
                }
            }
            assertInvariants(till.book());
        }
        for (CommandType type : CommandType.values()) {
            assertThat(tally.get(type)).as(type.name()).isNotNull();
            assertThat(tally.get(type)[0]).as("%s accepted", type).isPositive();
            assertThat(tally.get(type)[1]).as("%s refused", type).isPositive();
        }
        assertThat(reached).containsKeys("result UNCHANGED", "result UPDATED", "result CREATED", "result MERGED",
                "result REMOVED", "APPLY_DISCOUNT", "REMOVE_DISCOUNT", "OVERRIDE_PRICE", "CHANGE_OPTIONS",
                "CHANGE_SPEC", "CHANGE_NOTE", "CHANGE_ATTRIBUTES", "modified with approval",
                "added at an overridden price", "split by items", "split by amount",
                "merged with a split-by-items payment", "merged with lines", "payment cancelled",
                "counter order moved to a table", "moved between tables", "completed with a total");
        assertThat((double) accepted / commands).as("share accepted").isBetween(0.5, 0.9);
        assertThat(refusals).containsKeys("ORDER_NOT_FOUND", "ORDER_NOT_ACTIVE", "ITEM_NOT_FOUND",
                "INSUFFICIENT_QUANTITY", "PAYMENT_NOT_FOUND", "PAYMENT_ALREADY_CANCELLED", "NOT_FULLY_PAID",
                "AMOUNT_MISMATCH", "TABLE_OCCUPIED", "TABLE_NOT_FOUND", "PRODUCT_NOT_FOUND",
                "AUTHORIZATION_REQUIRED", "AUTHORIZATION_FAILED", "INVALID_COMMAND", "PAYMENTS_EXCEED_TOTAL",
                "ORDER_HAS_PAYMENTS");
    }

    /** The rarer turns an accepted event can take, which the shifts must reach. */
    private static List<String> features(OrderEvent event) {
        List<String> features = new ArrayList<>();
        switch (event) {
            case OrderEvent.ItemModified e -> {
                features.add(e.operation().name());
                e.results().forEach(r -> features.add("result " + r.action()));
                if (e.authorizerId() != null) {
                    features.add("modified with approval");
                }
            }
            case OrderEvent.ItemsAdded e -> {
                if (e.items().stream().anyMatch(i -> i.price() != i.catalogPrice())) {
                    features.add("added at an overridden price");
                }
            }
            case OrderEvent.OrderSplit e -> features.add(e.items().isEmpty() ? "split by amount" : "split by items");
            case OrderEvent.OrderMerged e -> {
                if (e.payments().stream().anyMatch(p -> !p.items().isEmpty())) {
                    features.add("merged with a split-by-items payment");
                }
                if (!e.items().isEmpty()) {
                    features.add("merged with lines");
                }
            }
            case OrderEvent.PaymentCancelled e -> features.add("payment cancelled");
            case OrderEvent.OrderMoved e -> features.add(e.fromTableId() == null ? "counter order moved to a table"
                    : "moved between tables");
            case OrderEvent.OrderCompleted e -> features.add(e.total() > 0 ? "completed with a total" : "completed empty");
            default -> { }
        }
        return features;
    }

    // -------------------------------------------------------------------------------- checking

    private static Till run(List<Intent> shift) {
        Till till = new Till();
        for (Intent intent : shift) {
            Planned planned = RandomCashier.plan(intent, till.book());
            till.submit(planned.command(), planned.operator(), planned.authorizer());
        }
        return till;
    }

    /** What must hold of the orders after every command. */
    private static void assertInvariants(OrderBook book) {
        Map<String, List<Order>> activeByTable = new LinkedHashMap<>();
        for (Order order : book.all()) {
            assertThat(order.paidTotal()).as("paid on %s", order.orderId()).isLessThanOrEqualTo(order.total());
            assertTotalsAsDocumented(order);
            assertThat(order.items()).extracting(Line::instanceId).doesNotHaveDuplicates();
            for (Line line : order.items()) {
                assertThat(line.quantity()).isBetween(1, Money.MAX_LINE_QUANTITY);
                assertThat(order.paidUnitsOf(line.instanceId())).isLessThanOrEqualTo(line.quantity());
            }
            for (Payment payment : order.payments()) {
                if (!payment.cancelled()) {
                    payment.items().forEach(paid -> assertThat(order.line(paid.instanceId()))
                            .as("line paid for by %s", payment.paymentId()).isPresent());
                }
            }
            switch (order.status()) {
                case ACTIVE -> {
                    if (order.tableId() != null) {
                        activeByTable.computeIfAbsent(order.tableId(), t -> new ArrayList<>()).add(order);
                    }
                }
                case COMPLETED -> assertThat(order.remaining()).isZero();
                case VOIDED -> assertThat(order.paidTotal()).isZero();
                case MERGED -> {
                    assertThat(order.items()).isEmpty();
                    assertThat(order.paidTotal()).isZero();
                    assertThat(order.mergedInto()).isNotNull();
                    assertThat(book.find(order.mergedInto())).isPresent();
                }
            }
            if (order.status() != OrderStatus.ACTIVE) {
                assertThat(order.closedAt()).isNotNull();
            }
        }
        activeByTable.forEach((table, orders) -> assertThat(orders).as("active orders at %s", table).hasSize(1));
        for (var table : TestStore.TABLES) {
            List<Order> there = activeByTable.getOrDefault(table.id(), List.of());
            assertThat(book.activeAtTable(table.id())).isEqualTo(there.stream().findFirst());
        }
    }

    /**
     * The events of a command tell what happened to the book: units are only created by ITEMS_ADDED
     * and destroyed by ITEM_REMOVED (a modification, move or merge keeps every unit), a completion
     * records the order's total, a cash payment the change.
     */
    private static void assertEventsAgreeWithTheBook(Outcome outcome, long unitsBefore, OrderBook book) {
        long added = 0;
        long removed = 0;
        for (RecordedEvent event : outcome.events()) {
            switch (event.payload()) {
                case OrderEvent.ItemsAdded e -> added += e.items().stream().mapToLong(OrderEvent.AddedItem::quantity)
                        .sum();
                case OrderEvent.ItemRemoved e -> {
                    removed += e.quantity();
                    assertThat(e.remainingQuantity()).isNotNegative();
                }
                case OrderEvent.ItemModified e -> {
                    long after = e.results().stream().filter(r -> r.action() != OrderEvent.Action.MERGED)
                            .mapToLong(OrderEvent.ItemResult::quantity).sum();
                    long merged = e.results().stream().filter(r -> r.action() == OrderEvent.Action.MERGED).count();
                    assertThat(after + (merged > 0 ? e.affectedQuantity() : 0))
                            .as("units of %s after the change", e.source().instanceId())
                            .isEqualTo(e.source().quantity());
                }
                case OrderEvent.OrderCompleted e -> {
                    Order order = book.find(event.orderId()).orElseThrow();
                    assertThat(e.total()).isEqualTo(order.total()).isEqualTo(e.paidTotal());
                }
                case OrderEvent.PaymentAdded e -> {
                    if (e.tendered() != null) {
                        assertThat(e.change()).isEqualTo(e.tendered() - e.amount());
                    }
                }
                default -> { }
            }
        }
        assertThat(units(book)).as("units after %s", outcome.type()).isEqualTo(unitsBefore + added - removed);
    }

    private static long units(OrderBook book) {
        return book.all().stream().flatMap(o -> o.items().stream()).mapToLong(Line::quantity).sum();
    }

    /** The totals worked out again, independently, with BigDecimal and half-up rounding (docs/orders.md). */
    private static void assertTotalsAsDocumented(Order order) {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal lines = BigDecimal.ZERO;
        for (Line line : order.items()) {
            BigDecimal gross = BigDecimal.valueOf(line.price()).multiply(BigDecimal.valueOf(line.quantity()));
            subtotal = subtotal.add(gross);
            BigDecimal net = gross.multiply(HUNDRED.subtract(line.discountPercent().value()))
                    .divide(HUNDRED).setScale(0, RoundingMode.HALF_UP);
            assertThat(line.lineTotal()).isEqualTo(net.longValueExact());
            lines = lines.add(net);
        }
        BigDecimal surcharge = order.surchargeExempt() ? BigDecimal.ZERO
                : lines.multiply(order.surchargePercent().value()).divide(HUNDRED).setScale(0, RoundingMode.HALF_UP);
        assertThat(order.subtotal()).isEqualTo(subtotal.longValueExact());
        assertThat(order.discountTotal()).isEqualTo(subtotal.subtract(lines).longValueExact());
        assertThat(order.surchargeTotal()).isEqualTo(surcharge.longValueExact());
        assertThat(order.total()).isEqualTo(lines.add(surcharge).longValueExact());
        assertThat(order.remaining()).isEqualTo(order.total() - order.paidTotal());
    }

    private static void assertAddressed(Line line) {
        assertThat(InstanceId.of(line.productId(), line.price(), line.discountPercent(), line.options(),
                line.spec(), line.note())).as("instance id of %s", line).isEqualTo(line.instanceId());
    }

    /** Every line an event carries with its full attributes. */
    private static List<Line> linesIn(OrderEvent event) {
        return switch (event) {
            case OrderEvent.ItemsAdded e -> e.items().stream().map(i -> new Line(i.instanceId(), i.productId(),
                    i.name(), i.price(), i.quantity(), i.discountPercent(), i.options(), i.spec(), i.note())).toList();
            case OrderEvent.ItemModified e -> Stream.concat(Stream.of(e.source()), e.results().stream()
                    .map(r -> new Line(r.instanceId(), r.productId(), r.name(), r.price(), r.quantity(),
                            r.discountPercent(), r.options(), r.spec(), r.note()))).toList();
            case OrderEvent.OrderMergedOut e -> e.items();
            case OrderEvent.OrderMerged e -> e.items();
            default -> List.of();
        };
    }

    private static Map<String, Order> byId(OrderBook book) {
        Map<String, Order> orders = new LinkedHashMap<>();
        book.all().forEach(o -> orders.put(o.orderId(), o));
        return orders;
    }

    private static Map<String, Object> tables(OrderBook book) {
        Map<String, Object> tables = new LinkedHashMap<>();
        TestStore.TABLES.forEach(t -> tables.put(t.id(), book.activeAtTable(t.id()).map(Order::orderId)));
        return tables;
    }

    private static OrderBook replay(List<RecordedEvent> events) {
        OrderBook book = new OrderBook();
        events.forEach(book::apply);
        return book;
    }

    /** The decider's own fold, order by order, without the book. */
    private static Map<String, Order> foldPerOrder(List<RecordedEvent> events) {
        Map<String, Order> orders = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            orders.put(event.orderId(), OrderDecider.evolve(orders.get(event.orderId()), event));
        }
        return orders;
    }
}
