package com.redcoral.edge.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the command line in this JVM as a person would type it — picocli, stdout and stderr captured — with
 * an environment of the test's: the variables it puts in {@link #variables} and the secrets "typed" from
 * {@link #typedSecrets}, nothing from the machine.
 */
final class AdminRunner {

    /** What one run of the command printed, and its exit code. */
    record Run(int exit, String out, String err) {
        JsonObject json() {
            return new JsonObject(out.strip());
        }
    }

    final Map<String, String> variables = new HashMap<>();
    final List<String> typedSecrets = new ArrayList<>();

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        ((AdminCommand) line.getSubcommands().get("admin").getCommand()).environment = new AdminCommand.Environment() {
            @Override
            public String variable(String name) {
                return variables.get(name);
            }

            @Override
            public String secret(String prompt) {
                return typedSecrets.isEmpty() ? null : typedSecrets.removeFirst();
            }
        };
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The lines as the command prints them, each ended by the platform's line separator. */
    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
