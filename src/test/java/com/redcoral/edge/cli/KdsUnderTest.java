package com.redcoral.edge.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * The {@code kds} command run in this JVM as a test drives it: what it prints ({@link #out}, {@link #err}), run to
 * its end ({@link #run}) or started on a thread of its own ({@link #start}) and stopped as Ctrl-C stops it
 * ({@link #ctrlC}). Each run prints into the same transcripts.
 */
final class KdsUnderTest implements AutoCloseable {

    final Transcript out = new Transcript();
    final Transcript err = new Transcript();
    private final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
    private CompletableFuture<Integer> running;

    /** Runs {@code kds} with these arguments to its end; its exit status. */
    int run(String... args) {
        return commandLine().execute(args);
    }

    /** Starts {@code kds} with these arguments on a thread of its own; {@link #exit} waits for its status. */
    void start(String... args) {
        CommandLine commandLine = commandLine();
        running = new CompletableFuture<>();
        Thread.ofPlatform().name("kds-under-test").daemon().start(() -> running.complete(commandLine.execute(args)));
    }

    /** Stops the started display as Ctrl-C does (its shutdown hook's work). */
    void ctrlC() {
        ctrlC.get().run();
    }

    /** The started display's exit status, waiting up to {@code seconds} for it to end. */
    int exit(int seconds) throws Exception {
        return running.get(seconds, TimeUnit.SECONDS);
    }

    /** Whether the started display has ended. */
    boolean ended() {
        return running != null && running.isDone();
    }

    /** Stops a display still running. */
    @Override
    public void close() throws Exception {
        if (running != null && !running.isDone() && ctrlC.get() != null) {
            ctrlC.get().run();
            running.get(10, TimeUnit.SECONDS);
        }
    }

    private CommandLine commandLine() {
        KdsCommand command = new KdsCommand();
        command.onStop = ctrlC::set;
        command.clock = Clock.systemUTC();
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }
}
