package com.redcoral.edge.cli;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code admin resources list|put|delete}: the catalog and staff (docs/resources.md). Changes go to
 * {@code pos.resources.command} with the operator's id and PIN; the PIN comes from
 * {@value AdminCommand#PIN_VARIABLE} or is asked for without echo, never from the command line.
 */
@Command(name = "resources", mixinStandardHelpOptions = true, description = "The catalog and staff.",
        subcommands = {ResourcesCommand.ListResources.class, ResourcesCommand.PutResource.class,
            ResourcesCommand.DeleteResource.class})
final class ResourcesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the items of a resource type and "
            + "its version.")
    static final class ListResources extends NodeCommand {
        @Parameters(paramLabel = "TYPE", description = "product, category, tag, attribute, zone, dining_table, "
                + "employee, role, price_rule or print_destination.")
        String type;

        @Override
        int run(Session session) {
            JsonObject reply = session.request(Addresses.RESOURCES_LIST, new JsonObject().put("resource", type));
            print(reply, () -> {
                List<JsonObject> items = OrdersCommand.objects(reply.getJsonArray("items"));
                out.println(type + ": version " + reply.getValue("version") + ", " + AdminText.plural(items.size(), "item"));
                if (items.isEmpty()) {
                    return;
                }
                AdminText.Table table = new AdminText.Table("ID", "VERSION", "NAME", "FIELDS").right(1);
                for (JsonObject item : items) {
                    JsonObject rest = item.copy();
                    rest.remove("id");
                    rest.remove("version");
                    rest.remove("name");
                    table.row(item.getValue("id"), item.getValue("version"), item.getValue("name"),
                            rest.isEmpty() ? "" : rest.encode());
                }
                table.print(out);
            });
            return AdminCommand.OK;
        }
    }

    /** The operator's options of a change. */
    abstract static class Change extends NodeCommand {
        @Option(names = "--operator", required = true, paramLabel = "ID",
                description = "The employee making the change (their role needs resources.manage). Their PIN is read "
                        + "from " + AdminCommand.PIN_VARIABLE + ", or asked for without echo.")
        String operator;

        @Option(names = "--expected-version", paramLabel = "N",
                description = "Refuse the change unless the item's version is still N (0: it must not exist).")
        Long expectedVersion;

        /** The command's fields besides the action, with the operator and PIN. */
        JsonObject command(String type, String id, String pin) {
            JsonObject command = new JsonObject().put("resource", type).put("operator_id", operator)
                    .put("operator_pin", pin);
            if (id != null) {
                command.put("id", id);
            }
            if (expectedVersion != null) {
                command.put("expected_version", expectedVersion);
            }
            return command;
        }

        /** The operator's PIN, from the environment or typed; a usage error when there is none. */
        String pin() {
            AdminCommand.Environment environment = AdminCommand.environment(spec);
            String pin = environment.variable(AdminCommand.PIN_VARIABLE);
            if (pin == null || pin.isEmpty()) {
                pin = environment.secret("PIN of " + operator + ": ");
            }
            if (pin == null || pin.isBlank()) {
                throw new Failure(AdminCommand.USAGE, "the PIN of --operator " + operator + ": set "
                        + AdminCommand.PIN_VARIABLE + " or type it when asked", null);
            }
            return pin.strip();
        }

        void changed(JsonObject reply, String type) {
            print(reply, () -> out.println(type + " " + reply.getString("id") + " " + pastTense(reply.getString("action"))
                    + ", version " + reply.getValue("version")));
        }

        private static String pastTense(String action) {
            return action == null ? "changed" : switch (action) {
                case "create" -> "created";
                case "update" -> "updated";
                case "delete" -> "deleted";
                default -> action;
            };
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = {"Create or update a resource item. Without ID the node makes one (or takes data.id). With "
                    + "ID an existing item is updated as a JSON merge patch (fields set to null are removed), a new "
                    + "one created; --expected-version 0 insists on creating."})
    static final class PutResource extends Change {
        @Parameters(index = "0", paramLabel = "TYPE", description = "The resource type.")
        String type;

        @Parameters(index = "1", paramLabel = "ID", arity = "0..1", description = "The item's id.")
        String id;

        @Option(names = "--data", required = true, paramLabel = "JSON|@FILE",
                description = "The item's fields as a JSON object, or @FILE to read them from a file.")
        String data;

        @Override
        int run(Session session) {
            JsonObject fields = data();
            String pin = pin();
            boolean create = id == null || Long.valueOf(0).equals(expectedVersion);
            if (!create) {
                try {
                    JsonObject reply = session.request(Addresses.RESOURCES_COMMAND,
                            command(type, id, pin).put("action", "update").put("data", fields));
                    changed(reply, type);
                    return AdminCommand.OK;
                } catch (Failure failure) {
                    if (failure.reply == null || expectedVersion != null || !"RESOURCE_NOT_FOUND".equals(
                            failure.reply.getJsonObject("error", new JsonObject()).getString("code"))) {
                        throw failure;
                    }
                }
            }
            JsonObject reply = session.request(Addresses.RESOURCES_COMMAND,
                    command(type, id, pin).put("action", "create").put("data", fields));
            changed(reply, type);
            return AdminCommand.OK;
        }

        private JsonObject data() {
            String text = data;
            if (data.startsWith("@")) {
                try {
                    text = Files.readString(Path.of(data.substring(1)));
                } catch (IOException e) {
                    throw new Failure(AdminCommand.USAGE, "--data: cannot read " + data.substring(1) + ": " + e, null);
                }
            }
            try {
                return new JsonObject(text);
            } catch (DecodeException | ClassCastException e) {
                throw new Failure(AdminCommand.USAGE, "--data: not a JSON object", null);
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a resource item (refused while "
            + "other items refer to it).")
    static final class DeleteResource extends Change {
        @Parameters(index = "0", paramLabel = "TYPE", description = "The resource type.")
        String type;

        @Parameters(index = "1", paramLabel = "ID", description = "The item's id.")
        String id;

        @Override
        int run(Session session) {
            JsonObject reply = session.request(Addresses.RESOURCES_COMMAND,
                    command(type, id, pin()).put("action", "delete"));
            changed(reply, type);
            return AdminCommand.OK;
        }
    }
}
