package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {

    @TempDir
    Path dir;

    @Test
    void theBundledDefaultsAreASingleNodeOnLoopback() {
        NodeConfig defaults = NodeConfig.defaults();
        assertThat(defaults.dataDir()).isEqualTo(Path.of("data"));
        assertThat(defaults.http()).isEqualTo(new NodeConfig.Http("127.0.0.1", 8080, "admin"));
        assertThat(defaults.sync().gapLimit()).isEqualTo(1000);
        assertThat(defaults.bridge().maxFrameBytes()).isEqualTo(65536);
        assertThat(defaults.storeSeed()).isNull();
        assertThat(defaults.tls()).isEqualTo(new NodeConfig.Tls(true, "0.0.0.0", 8443, Path.of("certs/dev"), List.of()));
        assertThat(defaults.bridge().maxConnectionsPerIdentity()).isEqualTo(4);
        assertThat(defaults.kitchen().recallWindowMs()).isEqualTo(900_000);
        assertThat(defaults.kitchen().openTicketMaxAgeMs()).isEqualTo(43_200_000);
    }

    @Test
    void aFileOverridesOnlyTheKeysItNames() throws Exception {
        Path file = Files.writeString(dir.resolve("edge.json"), """
                {"http": {"port": 9090}, "sync": {"gap_limit": 50}, "store_seed": "shop.json"}
                """);
        NodeConfig config = NodeConfig.read(file);
        assertThat(config.http()).isEqualTo(new NodeConfig.Http("127.0.0.1", 9090, "admin"));
        assertThat(config.sync().gapLimit()).isEqualTo(50);
        assertThat(config.storeSeed()).isEqualTo("shop.json");
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.withHttpPort(0).withDataDir(dir).http().port()).isZero();
    }

    @Test
    void aTypoOrAWrongValueIsRefusedByName() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"sync\": {\"gap_limt\": 5}}");
        assertThatThrownBy(() -> NodeConfig.read(typo)).hasMessageContaining("gap_limt");
        Path range = Files.writeString(dir.resolve("range.json"), "{\"http\": {\"port\": 70000}}");
        assertThatThrownBy(() -> NodeConfig.read(range)).hasMessageContaining("http.port");
        Path text = Files.writeString(dir.resolve("text.json"), "{\"sync\": {\"gap_limit\": \"many\"}}");
        assertThatThrownBy(() -> NodeConfig.read(text)).hasMessageContaining("gap_limit");
        assertThatThrownBy(() -> NodeConfig.read(dir.resolve("missing.json"))).hasMessageContaining("missing.json");
    }
}
