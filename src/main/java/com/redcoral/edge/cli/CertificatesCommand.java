package com.redcoral.edge.cli;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code admin certificates revoke|list}: terminal certificates the node no longer accepts. */
@Command(name = "certificates", mixinStandardHelpOptions = true, description = "Revoked terminal certificates.",
        subcommands = {CertificatesCommand.Revoke.class, CertificatesCommand.ListRevoked.class})
final class CertificatesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a terminal certificate by its serial number: it stops working and its connections close.")
    static final class Revoke extends NodeCommand {
        @Parameters(paramLabel = "SERIAL", description = "The certificate's serial number in hex (colons allowed).")
        String serial;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Override
        int run(Session session) {
            JsonObject request = new JsonObject().put("serial", serial);
            if (reason != null) {
                request.put("reason", reason);
            }
            JsonObject revoked = session.request(Addresses.CERTIFICATES_REVOKE, request);
            print(revoked, () -> out.println("certificate " + revoked.getString("serial") + " revoked "
                    + AdminText.time(revoked.getLong("revoked_at")) + " by " + revoked.getString("revoked_by")
                    + (revoked.getString("reason") == null ? "" : " (\"" + revoked.getString("reason") + "\")")));
            return AdminCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the revoked certificates.")
    static final class ListRevoked extends NodeCommand {
        @Override
        int run(Session session) {
            JsonObject reply = session.request(Addresses.CERTIFICATES_LIST, new JsonObject());
            print(reply, () -> {
                List<JsonObject> certificates = OrdersCommand.objects(reply.getJsonArray("certificates"));
                if (!certificates.isEmpty()) {
                    AdminText.Table table = new AdminText.Table("SERIAL", "REVOKED", "BY", "REASON");
                    certificates.forEach(c -> table.row(c.getString("serial"), AdminText.time(c.getLong("revoked_at")),
                            c.getString("revoked_by"), c.getString("reason")));
                    table.print(out);
                }
                out.println(AdminText.plural(certificates.size(), "revoked certificate"));
            });
            return AdminCommand.OK;
        }
    }
}
