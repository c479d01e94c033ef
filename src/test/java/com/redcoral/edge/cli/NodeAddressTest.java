package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.client.BridgeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The connection options every command-line terminal shares: what works, and what is refused by name. */
class NodeAddressTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        NodeAddress node;
    }

    private NodeAddress parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.node;
    }

    @Test
    void theLoopbackListenerNeedsNothing() {
        BridgeOptions options = parse().options(BridgeOptions.defaults());
        assertThat(options.client().isSsl()).isFalse();
        assertThat(options.token()).isNull();
    }

    @Test
    void httpsTakesTheStoreCaAndACertificateWithItsKeyBesideIt() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "ca");
        Path cert = Files.writeString(dir.resolve("till-1.pem"), "cert");
        Files.writeString(dir.resolve("till-1.key"), "key");
        BridgeOptions options = parse("--url", "https://node:8443", "--ca", ca.toString(), "--cert", cert.toString())
                .options(BridgeOptions.defaults());
        assertThat(options.client().isSsl()).isTrue();
        assertThat(options.client().getKeyCertOptions()).isNotNull();
    }

    @Test
    void aTokenComesFromTheOptionOrAFile() throws Exception {
        assertThat(parse("--token", "rct_1").options(BridgeOptions.defaults()).token()).isEqualTo("rct_1");
        Path file = Files.writeString(dir.resolve("token"), "rct_2\n");
        assertThat(parse("--token", "@" + file).options(BridgeOptions.defaults()).token()).isEqualTo("rct_2");
    }

    @Test
    void whatCannotWorkIsRefusedNamingTheOption() throws Exception {
        Path cert = Files.writeString(dir.resolve("till-1.pem"), "cert");
        assertThatThrownBy(() -> parse("--url", "https://node:8443").options(BridgeOptions.defaults()))
                .hasMessageStartingWith("--ca:");
        assertThatThrownBy(() -> parse("--cert", cert.toString()).options(BridgeOptions.defaults()))
                .hasMessageContaining("https://");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "ca");
        assertThatThrownBy(() -> parse("--url", "https://node:8443", "--ca", ca.toString(), "--cert", cert.toString())
                .options(BridgeOptions.defaults())).hasMessageStartingWith("--key:");
        assertThatThrownBy(() -> parse("--url", "ftp://node").options(BridgeOptions.defaults()))
                .hasMessageStartingWith("--url:");
        assertThatThrownBy(() -> parse("--token", "@" + dir.resolve("missing")).options(BridgeOptions.defaults()))
                .hasMessageStartingWith("--token:");
        assertThatThrownBy(() -> parse("--cert", cert.toString(), "--token", "rct_1"))
                .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class);
    }
}
