package com.redcoral.edge.cli;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What a command prints, line by line, as it prints it; a test waits for a line (with a timeout), never sleeps. */
final class Transcript extends Writer {

    private final StringBuilder partial = new StringBuilder();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] == '\n') {
                String line = partial.toString().replace("\r", "");
                partial.setLength(0);
                all.add(line);
                unread.add(line);
            } else {
                partial.append(chars[i]);
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The lines up to and including the next one matching {@code wanted}, waiting up to {@code seconds} for it. */
    List<String> until(Predicate<String> wanted, int seconds) throws InterruptedException {
        List<String> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no such line within " + seconds + " s; printed so far:\n"
                        + String.join("\n", lines()));
            }
            read.add(line);
            if (wanted.test(line)) {
                return read;
            }
        }
    }

    List<String> until(String contained) throws InterruptedException {
        return until(line -> line.contains(contained), 20);
    }

    synchronized List<String> lines() {
        return List.copyOf(all);
    }
}
