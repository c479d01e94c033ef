package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.resource.PinHash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HashPinCommandTest {

    @Test
    void printsAHashOfThePinReadFromStandardInput() {
        StringWriter out = new StringWriter();
        assertThat(run("2468\n", out, new StringWriter())).isZero();
        String hash = out.toString().strip();
        assertThat(PinHash.matches("2468", hash)).isTrue();
        assertThat(hash).doesNotContain("2468");
    }

    @Test
    void refusesWhatIsNotAPin() {
        StringWriter err = new StringWriter();
        assertThat(run("12a4\n", new StringWriter(), err)).isEqualTo(2);
        assertThat(err.toString()).contains("4 to 8 digits");
        assertThat(run("", new StringWriter(), new StringWriter())).isEqualTo(2);
    }

    private static int run(String stdin, StringWriter out, StringWriter err) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new CommandLine(new HashPinCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute();
        } finally {
            System.setIn(original);
        }
    }
}
