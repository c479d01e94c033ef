package com.redcoral.edge.cli;

import com.redcoral.edge.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code redcoral-edge} command line. Each capability of the node adds its subcommand here
 * ({@code serve}, {@code verify}, {@code admin}, …); without one it prints its usage.
 */
@Command(name = "redcoral-edge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "RedCoral Edge: the in-store point-of-sale node.",
            "It owns the store's orders and catalog and keeps every till, kitchen screen and manager's "
                    + "laptop in step."
        },
        subcommands = {ServeCommand.class, VerifyCommand.class, AdminCommand.class, BenchCommand.class,
            HashPinCommand.class, KdsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line. Arguments starting with {@code @} are values ({@code --data @FILE},
     * {@code --token @FILE} read their file themselves), not picocli's argument files.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExpandAtFiles(false);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"RedCoral Edge " + (version == null ? "(development build)" : version)};
        }
    }
}
