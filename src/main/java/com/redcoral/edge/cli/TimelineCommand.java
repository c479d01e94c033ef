package com.redcoral.edge.cli;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code admin timeline ID}: an order's audit trail ({@code pos.orders.audit}), one sentence per event. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Print an order's audit trail: each event as a sentence saying who did what, with which "
                + "result and who approved it.")
final class TimelineCommand extends NodeCommand {

    @Parameters(paramLabel = "ID", description = "The order's id.")
    String orderId;

    @Override
    int run(Session session) {
        JsonObject reply = session.request(Addresses.ORDERS_AUDIT, new JsonObject().put("order_id", orderId));
        print(reply, () -> {
            var entries = OrdersCommand.objects(reply.getJsonArray("entries"));
            int width = entries.stream().mapToInt(e -> String.valueOf(e.getLong("sequence")).length()).max().orElse(1);
            for (JsonObject entry : entries) {
                out.println(String.format(java.util.Locale.ROOT, "#%-" + width + "d  %s  %s", entry.getLong("sequence"),
                        AdminText.time(entry.getLong("timestamp")), entry.getString("sentence")));
            }
        });
        return AdminCommand.OK;
    }
}
