package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;

/**
 * {@code admin status}: who the node takes the caller for ({@code pos.auth.identity}), the node's role,
 * state and sequence ({@code pos.node.status}), how many orders are active ({@code pos.orders.active}) and
 * which terminals are connected, by identity ({@code pos.admin.connections}, an admin's address: a
 * terminal's or kitchen display's connection is refused it).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show who you are to the node, the node's role, state and sequence, the active orders and "
                + "the connected terminals.")
final class StatusCommand extends NodeCommand {

    @Override
    int run(Session session) {
        JsonObject identity = session.request(Addresses.AUTH_IDENTITY, new JsonObject());
        JsonObject status = session.request(Addresses.NODE_STATUS, new JsonObject());
        JsonObject active = session.request(Addresses.ORDERS_ACTIVE, new JsonObject());
        JsonObject connections = session.request(Addresses.ADMIN_CONNECTIONS, new JsonObject());
        int activeOrders = active.getJsonArray("orders", new JsonArray()).size();
        print(new JsonObject().put("identity", identity).put("node", status).put("active_orders", activeOrders)
                .put("connections", connections), () -> {
                    field(out, "caller", who(identity));
                    field(out, "node", status.getString("role") + ", " + status.getString("state") + ", sequence "
                            + AdminText.count(status.getLong("server_sequence", 0L))
                            + (status.getValue("error") == null ? "" : ", error: " + status.getValue("error")));
                    field(out, "orders", AdminText.count(activeOrders) + " active");
                    JsonArray list = connections.getJsonArray("connections", new JsonArray());
                    field(out, "terminals", AdminText.count(list.size()) + " connected");
                    list.stream().map(JsonObject.class::cast).forEach(c -> out.println("  " + who(c)
                            + (c.getString("credential") == null ? "" : " " + c.getString("credential"))
                            + " on " + AdminText.orDash(c.getString("listener"))
                            + " from " + AdminText.orDash(c.getString("remote_address"))
                            + " since " + AdminText.time(c.getLong("connected_at"))));
                });
        return AdminCommand.OK;
    }

    /** {@code till-2 (terminal, token)}, {@code kds-1 (kitchen of kitchen, certificate)}. */
    static String who(JsonObject identity) {
        String destination = identity.getString("destination_id");
        return identity.getString("name") + " (" + identity.getString("role")
                + (destination == null ? "" : " of " + destination) + ", " + identity.getString("source") + ")";
    }
}
