package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code admin tokens issue|revoke|list}: terminal tokens, for browsers and displays without a certificate. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Terminal tokens (pairing a browser or display).",
        subcommands = {TokensCommand.Issue.class, TokensCommand.Revoke.class, TokensCommand.ListTokens.class})
final class TokensCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a terminal token; it is shown this once.")
    static final class Issue extends NodeCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The terminal's name, e.g. till-2.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "terminal, kitchen or admin.")
        String role;

        @Option(names = "--destination", paramLabel = "ID", description = "A kitchen display's print destination.")
        String destination;

        @Override
        int run(Session session) {
            JsonObject request = new JsonObject().put("name", name).put("role", role);
            if (destination != null) {
                request.put("destination_id", destination);
            }
            JsonObject token = session.request(Addresses.TOKENS_ISSUE, request);
            print(token, () -> {
                field(out, "token", token.getString("token"));
                out.println("           shown only this once: give it to the terminal now");
                describe(token);
            });
            return AdminCommand.OK;
        }

        private void describe(JsonObject token) {
            field(out, "token id", token.getString("token_id"));
            field(out, "name", token.getString("name"));
            field(out, "role", token.getString("role") + (token.getString("destination_id") == null ? ""
                    : " of " + token.getString("destination_id")));
            field(out, "issued", AdminText.time(token.getLong("issued_at")) + " by " + token.getString("issued_by"));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a terminal token: it stops working and its connections close.")
    static final class Revoke extends NodeCommand {
        @Parameters(paramLabel = "ID", description = "The token's id (token_id, as listed).")
        String tokenId;

        @Override
        int run(Session session) {
            JsonObject token = session.request(Addresses.TOKENS_REVOKE, new JsonObject().put("token_id", tokenId));
            print(token, () -> out.println("token " + token.getString("token_id") + " (" + token.getString("name")
                    + ") revoked " + AdminText.time(token.getLong("revoked_at")) + " by " + token.getString("revoked_by")));
            return AdminCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens issued, without secrets.")
    static final class ListTokens extends NodeCommand {
        @Override
        int run(Session session) {
            JsonObject reply = session.request(Addresses.TOKENS_LIST, new JsonObject());
            print(reply, () -> {
                List<JsonObject> tokens = OrdersCommand.objects(reply.getJsonArray("tokens"));
                if (!tokens.isEmpty()) {
                    AdminText.Table table = new AdminText.Table("TOKEN ID", "NAME", "ROLE", "DESTINATION", "ISSUED",
                            "BY", "REVOKED");
                    tokens.forEach(t -> table.row(t.getString("token_id"), t.getString("name"), t.getString("role"),
                            t.getString("destination_id"), AdminText.time(t.getLong("issued_at")), t.getString("issued_by"),
                            t.getValue("revoked_at") == null ? "" : AdminText.time(t.getLong("revoked_at"))));
                    table.print(out);
                }
                out.println(AdminText.plural(tokens.size(), "token") + ", "
                        + tokens.stream().filter(t -> t.getValue("revoked_at") == null).count() + " in force");
            });
            return AdminCommand.OK;
        }
    }
}
