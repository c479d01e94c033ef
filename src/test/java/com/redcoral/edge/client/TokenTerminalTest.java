package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal suite on the network listener, each terminal without a client certificate, logging in
 * with a terminal token of its own (role {@code terminal}) issued by {@code pos.admin.tokens.issue}, as
 * an admin pairs a browser till.
 */
@Timeout(60)
class TokenTerminalTest extends NetworkTerminalSuite {

    /** Each terminal's token as issued: {@code token}, {@code token_id}, … */
    private final Map<String, JsonObject> tokens = new HashMap<>();

    @Override
    BridgeOptions withCredential(BridgeOptions options, String name) {
        return options.withToken(tokens.computeIfAbsent(name, this::issue).getString("token"));
    }

    private JsonObject issue(String name) {
        JsonObject issued = node.request(Addresses.TOKENS_ISSUE, new JsonObject().put("name", name).put("role", "terminal"));
        assertThat(issued.getBoolean("success")).as("%s", issued).isTrue();
        return issued;
    }

    @Override
    String source() {
        return "token";
    }
}
