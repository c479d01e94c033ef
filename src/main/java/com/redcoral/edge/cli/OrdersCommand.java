package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.amount;
import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.order.AuditSentence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code admin orders list} and {@code admin orders show ID [--at SEQ]}. */
@Command(name = "orders", mixinStandardHelpOptions = true, description = "The store's orders.",
        subcommands = {OrdersCommand.ListOrders.class, OrdersCommand.ShowOrder.class})
final class OrdersCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The active orders ({@code pos.orders.active}), one line each. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the active orders.")
    static final class ListOrders extends NodeCommand {
        @Override
        int run(Session session) {
            JsonObject reply = session.request(Addresses.ORDERS_ACTIVE, new JsonObject());
            print(reply, () -> {
                List<JsonObject> orders = objects(reply.getJsonArray("orders"));
                AdminText.Table table = new AdminText.Table("ORDER", "TABLE", "GUESTS", "ITEMS", "TOTAL", "PAID",
                        "REMAINING", "OPENED").right(2, 3, 4, 5, 6);
                for (JsonObject o : orders) {
                    table.row(o.getString("order_id"), place(o), o.getValue("guest_count"), units(o),
                            amount(o, "total"), amount(o, "paid_total"), amount(o, "remaining"),
                            AdminText.time(o.getLong("opened_at")));
                }
                if (!orders.isEmpty()) {
                    table.print(out);
                }
                out.println(AdminText.plural(orders.size(), "active order") + " at sequence "
                        + AdminText.count(reply.getLong("server_sequence", 0L)));
            });
            return AdminCommand.OK;
        }
    }

    /** One order's snapshot ({@code pos.orders.get}), now or as it stood at a sequence. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show an order: its lines, payments and totals, now or as of a sequence.")
    static final class ShowOrder extends NodeCommand {
        @Parameters(paramLabel = "ID", description = "The order's id.")
        String orderId;

        @Option(names = "--at", paramLabel = "SEQ", description = "Show the order as it stood after this sequence.")
        Long at;

        @Override
        int run(Session session) {
            JsonObject request = new JsonObject().put("order_id", orderId);
            if (at != null) {
                request.put("at_sequence", at);
            }
            JsonObject o = session.request(Addresses.ORDERS_GET, request);
            print(o, () -> {
                field(out, "order", o.getString("order_id") + "  " + o.getString("status") + "  (as of sequence "
                        + AdminText.count(o.getLong("last_sequence", 0L)) + ")");
                field(out, "table", place(o) + (o.getString("zone_id") == null ? "" : ", zone " + o.getString("zone_id"))
                        + ", surcharge " + o.getValue("surcharge_percent") + "%"
                        + (o.getBoolean("surcharge_exempt", false) ? " (waived)" : ""));
                if (o.getValue("guest_count") != null) {
                    field(out, "guests", o.getValue("guest_count"));
                }
                if (o.getString("note") != null) {
                    field(out, "note", "\"" + o.getString("note") + "\"");
                }
                field(out, "opened", AdminText.time(o.getLong("opened_at")));
                if (o.getValue("closed_at") != null) {
                    field(out, "closed", AdminText.time(o.getLong("closed_at")));
                }
                for (String extra : List.of("receipt_number", "void_reason", "merged_into")) {
                    if (o.getValue(extra) != null) {
                        field(out, extra.replace('_', ' ').replace(" number", ""), o.getValue(extra));
                    }
                }
                out.println("items");
                AdminText.Table items = new AdminText.Table("  QTY", "ITEM", "PRICE", "DISCOUNT", "TOTAL")
                        .right(0, 2, 3, 4);
                for (JsonObject line : objects(o.getJsonArray("items"))) {
                    items.row("  " + line.getValue("quantity"), line.getString("name") + " ("
                            + AuditSentence.shortId(line.getString("instance_id")) + attributes(line) + ")",
                            amount(line, "price"), line.getValue("discount_percent") + "%", amount(line, "line_total"));
                }
                items.print(out);
                List<JsonObject> payments = objects(o.getJsonArray("payments"));
                if (!payments.isEmpty()) {
                    out.println("payments");
                    AdminText.Table table = new AdminText.Table("  PAYMENT", "METHOD", "AMOUNT", "").right(2);
                    for (JsonObject p : payments) {
                        table.row("  " + AuditSentence.shortId(p.getString("payment_id")), p.getString("method"),
                                amount(p, "amount"), p.getBoolean("cancelled", false)
                                        ? "cancelled (\"" + p.getString("cancel_reason") + "\")" : "");
                    }
                    table.print(out);
                }
                field(out, "subtotal", amount(o, "subtotal"));
                field(out, "discounts", amount(o, "discount_total"));
                field(out, "surcharge", amount(o, "surcharge_total"));
                field(out, "total", amount(o, "total"));
                field(out, "paid", amount(o, "paid_total"));
                field(out, "remaining", amount(o, "remaining"));
            });
            return AdminCommand.OK;
        }

        private static String attributes(JsonObject line) {
            StringBuilder s = new StringBuilder();
            if (line.getString("spec") != null) {
                s.append(", ").append(line.getString("spec"));
            }
            JsonArray options = line.getJsonArray("options", new JsonArray());
            if (!options.isEmpty()) {
                s.append(", with ").append(String.join(", ", options.stream().map(String::valueOf).toList()));
            }
            if (line.getString("note") != null) {
                s.append(", note \"").append(line.getString("note")).append('"');
            }
            return s.toString();
        }
    }

    static List<JsonObject> objects(JsonArray array) {
        return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
    }

    /** The order's table, or {@code counter} for an order at none. */
    private static String place(JsonObject order) {
        if (order.getString("table_id") == null) {
            return order.getString("table_name") == null ? "counter" : "counter \"" + order.getString("table_name") + "\"";
        }
        return order.getString("table_name") != null ? order.getString("table_name") : order.getString("table_id");
    }

    /** How many units the order holds. */
    private static int units(JsonObject order) {
        return objects(order.getJsonArray("items")).stream().mapToInt(l -> l.getInteger("quantity", 0)).sum();
    }
}
