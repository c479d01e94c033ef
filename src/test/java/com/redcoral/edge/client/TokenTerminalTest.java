package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.client.Terminal.State;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
    void revoke(String name) {
        JsonObject revoked = node.request(Addresses.TOKENS_REVOKE,
                new JsonObject().put("token_id", tokens.get(name).getString("token_id")));
        assertThat(revoked.getBoolean("success")).as("%s", revoked).isTrue();
    }

    @Override
    String source() {
        return "token";
    }

    @Override
    String refusedAtTheStart() {
        return "AUTHENTICATION_FAILED"; // the login, its first frame, is refused
    }

    @Test
    void aTokenNeverIssuedIsRefused() throws Exception {
        tokens.put("till-stranger", new JsonObject().put("token", "rct_0123456789abcdef_not-a-secret"));

        WatchedTerminal a = open(QUICK, "till-stranger").awaitState(State.REFUSED);

        assertThat(a.terminal.lastFailure()).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(BridgeRefusedException.class,
                        refusal -> assertThat(refusal.reason()).startsWith("AUTHENTICATION_FAILED")));
    }

    @Test
    void aTerminalWithoutAnyCredentialIsRefused() throws Exception {
        WatchedTerminal a = new WatchedTerminal(terminalSide.getOrCreateContext(), () -> Terminal.remote(terminalSide,
                bridge(proxy.port()), BridgeOptions.defaults().withTrust(certificates().caPem()), QUICK));
        opened().add(a);

        a.awaitState(State.REFUSED);

        assertThat(a.terminal.lastFailure()).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(BridgeRefusedException.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo("auth_required")));
    }
}
