package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BridgeOptionsTest {

    @Test
    void theTokenIsNeverShown() {
        String token = "rct_0123456789abcdef_" + "s".repeat(43);

        String shown = BridgeOptions.defaults().withToken(token).toString();

        assertThat(shown).doesNotContain(token).doesNotContain("sss").contains("token=(hidden)");
        assertThat(BridgeOptions.defaults().toString()).contains("token=none");
    }
}
