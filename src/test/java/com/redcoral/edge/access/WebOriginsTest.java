package com.redcoral.edge.access;

import static com.redcoral.edge.access.WebOrigins.Decision.ALLOWED;
import static com.redcoral.edge.access.WebOrigins.Decision.NONE;
import static com.redcoral.edge.access.WebOrigins.Decision.OWN;
import static com.redcoral.edge.access.WebOrigins.Decision.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebOriginsTest {

    final WebOrigins network = new WebOrigins("https", List.of("localhost", "127.0.0.1", "::1", "till-host"),
            List.of("https://pos.example", "HTTP://Dev.Example:5173/"));

    @Test
    void theListenersOwnOriginsUnderEachOfItsNames() {
        assertThat(network.decide("https://till-host:8443", 8443)).isEqualTo(OWN);
        assertThat(network.decide("https://TILL-HOST:8443", 8443)).isEqualTo(OWN);
        assertThat(network.decide("https://[::1]:8443", 8443)).isEqualTo(OWN);
        assertThat(network.decide("https://[0:0:0:0:0:0:0:1]:8443", 8443)).isEqualTo(OWN);
        assertThat(network.decide("https://localhost", 443)).isEqualTo(OWN);
        assertThat(network.decide(null, 8443)).isEqualTo(NONE);
    }

    @Test
    void configuredOriginsAreAllowedAndEveryOtherPageRefused() {
        assertThat(network.decide("https://pos.example", 8443)).isEqualTo(ALLOWED);
        assertThat(network.decide("https://pos.example:443", 8443)).isEqualTo(ALLOWED);
        assertThat(network.decide("http://dev.example:5173", 8443)).isEqualTo(ALLOWED);
        assertThat(network.decide("http://till-host:8443", 8443)).as("another scheme").isEqualTo(REFUSED);
        assertThat(network.decide("https://till-host:9999", 8443)).as("another port").isEqualTo(REFUSED);
        assertThat(network.decide("https://evil.example", 8443)).isEqualTo(REFUSED);
        assertThat(network.decide("https://pos.example.evil.example", 8443)).isEqualTo(REFUSED);
        assertThat(network.decide("null", 8443)).isEqualTo(REFUSED);
        assertThat(network.decide("file://", 8443)).isEqualTo(REFUSED);
        assertThat(network.decide("::not a url", 8443)).isEqualTo(REFUSED);
    }

    @Test
    void aSettingThatIsNoOriginStopsTheStart() {
        assertThatThrownBy(() -> new WebOrigins("http", List.of("localhost"), List.of("pos.example")))
                .hasMessageContaining("tls.allowed_origins: pos.example");
        assertThatThrownBy(() -> new WebOrigins("http", List.of("localhost"), List.of("https://pos.example/app")))
                .hasMessageContaining("https://pos.example/app");
    }
}
