package com.redcoral.edge.cli;

import com.redcoral.edge.resource.PinHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hash-pin}: reads a PIN (without echo on a terminal, else one line of standard input) and
 * prints its {@code pin_hash} for the store seed. The PIN never appears on the command line, where
 * the shell's history and the process list would keep it.
 */
@Command(name = "hash-pin", mixinStandardHelpOptions = true,
        description = "Read an employee PIN (4 to 8 digits) and print the pin_hash to put in the store seed.")
public final class HashPinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String pin = System.console() != null
                ? new String(System.console().readPassword("PIN: "))
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        PrintWriter err = spec.commandLine().getErr();
        if (pin == null || !pin.matches("\\d{4,8}")) {
            err.println("hash-pin: a PIN is 4 to 8 digits");
            return 2;
        }
        spec.commandLine().getOut().println(PinHash.hash(pin));
        return 0;
    }
}
