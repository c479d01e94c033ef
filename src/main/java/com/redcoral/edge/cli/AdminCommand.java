package com.redcoral.edge.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code admin}: the store's administration from the command line. Every command but {@code restore}
 * speaks to a running node over its event-bus bridge, like any terminal (the options of
 * {@link NodeAddress}); {@code restore} works on folders, with the node stopped. docs/admin.md shows
 * each command's output.
 *
 * <p>Exit codes, the same for every command: {@value #OK} done; {@value #REFUSED} the node (or, for
 * {@code restore}, the folders) refused; {@value #USAGE} a usage error; {@value #UNREACHABLE} the node
 * cannot be reached or did not answer in time; {@value #PROBLEMS} a check found problems.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Administer a store: its node, orders, audit trail, catalog and staff, checks, backups and "
                + "terminal credentials.",
            "Exit codes: 0 done, 1 refused by the node, 2 usage error, 3 node unreachable or no answer in time, "
                    + "4 problems found by a check."},
        subcommands = {StatusCommand.class, OrdersCommand.class, TimelineCommand.class, ResourcesCommand.class,
            AdminVerifyCommand.class, BackupCommand.class, RestoreCommand.class, TokensCommand.class,
            CertificatesCommand.class})
public final class AdminCommand implements Runnable {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int PROBLEMS = 4;

    /** Where an operator's PIN may come from instead of a prompt. */
    public static final String PIN_VARIABLE = "REDCORAL_OPERATOR_PIN";

    @Spec
    CommandSpec spec;

    /** The process's environment and console; tests put their own. */
    Environment environment = Environment.SYSTEM;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The environment of the {@code admin} command above {@code spec}. */
    static Environment environment(CommandSpec spec) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof AdminCommand admin) {
                return admin.environment;
            }
        }
        return Environment.SYSTEM;
    }

    /** What the commands read from outside the command line: environment variables and typed secrets. */
    interface Environment {
        String variable(String name);

        /** Reads a secret without echoing it; null when there is no one to ask. */
        String secret(String prompt);

        Environment SYSTEM = new Environment() {
            @Override
            public String variable(String name) {
                return System.getenv(name);
            }

            @Override
            public String secret(String prompt) {
                if (System.console() != null) {
                    char[] typed = System.console().readPassword("%s", prompt);
                    return typed == null ? null : new String(typed);
                }
                try {
                    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
