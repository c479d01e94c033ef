package com.redcoral.edge.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: measurements of a node, one subcommand each. {@code bench orders} puts tills'
 * order traffic on a node's bridge; more benches (replay speed, …) join as siblings, so each keeps
 * its own options and report. Without a subcommand it prints its usage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a node: how many durable commands per second it takes, and how fast it answers.",
        subcommands = {OrdersBench.class, ReplayBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
