package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terminal tokens and revoked certificates on a real node: pos.admin.tokens.* and pos.admin.certificates.*. */
class CredentialNodeTest {

    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir).start();
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void anIssuedTokenIsListedWithoutItsSecretAndWorksUntilRevoked() throws Exception {
        JsonObject issued = issue(new JsonObject().put("name", "till-2").put("role", "terminal"));
        String secret = issued.getString("token");
        assertThat(issued.getBoolean("success")).isTrue();
        assertThat(issued.getString("issued_by")).isEqualTo("in-process");
        assertThat(credentials().token(secret)).get().extracting(i -> i.name()).isEqualTo("till-2");

        JsonObject listed = node.request(Addresses.TOKENS_LIST, new JsonObject());
        assertThat(listed.getJsonArray("tokens")).hasSize(1);
        assertThat(listed.encode()).doesNotContain(secret).doesNotContain(secret.substring(21))
                .doesNotContain("secret");

        TestNode.Events revocations = node.listen(Addresses.CREDENTIALS_REVOKED);
        JsonObject revoked = node.request(Addresses.TOKENS_REVOKE,
                new JsonObject().put("token_id", issued.getString("token_id")));
        assertThat(revoked.getBoolean("success")).isTrue();
        assertThat(revoked.getLong("revoked_at")).isNotNull();
        assertThat(revocations.next()).isEqualTo(new JsonObject().put("token_id", issued.getString("token_id")));
        assertThat(credentials().token(secret)).isEmpty();
    }

    @Test
    void theCallerIsTheIdentityTheListenerNamed() {
        JsonObject issued = node.vertx.eventBus().<JsonObject>request(Addresses.TOKENS_ISSUE,
                new JsonObject().put("name", "till-3").put("role", "terminal"),
                new DeliveryOptions().addHeader(CredentialVerticle.IDENTITY_HEADER, "laptop (admin, certificate 1f)"))
                .await().body();
        assertThat(issued.getString("issued_by")).isEqualTo("laptop (admin, certificate 1f)");
    }

    @Test
    void badRequestsAreRefusedByNameAndChangeNothing() {
        assertThat(error(Addresses.TOKENS_ISSUE, new JsonObject().put("role", "terminal")))
                .isEqualTo("INVALID_REQUEST name: is required");
        assertThat(error(Addresses.TOKENS_ISSUE, new JsonObject().put("name", "x").put("role", "cook")))
                .startsWith("INVALID_REQUEST role: must be one of terminal, kitchen, admin");
        assertThat(error(Addresses.TOKENS_ISSUE, new JsonObject().put("name", "x").put("role", "kitchen")
                .put("destination_id", "nowhere")))
                .isEqualTo("INVALID_REQUEST destination_id: there is no print destination nowhere");
        assertThat(error(Addresses.TOKENS_REVOKE, new JsonObject().put("token_id", "0123456789abcdef")))
                .isEqualTo("TOKEN_NOT_FOUND no token 0123456789abcdef was issued");
        assertThat(error(Addresses.CERTIFICATES_REVOKE, new JsonObject().put("serial", "not hex")))
                .startsWith("INVALID_REQUEST serial: ");
        assertThat(node.request(Addresses.TOKENS_LIST, new JsonObject()).getJsonArray("tokens")).isEmpty();
        assertThat(node.request(Addresses.CERTIFICATES_LIST, new JsonObject()).getJsonArray("certificates"))
                .isEmpty();
    }

    @Test
    void aKitchenTokenNeedsAPrintDestinationOfTheStore() {
        assertThat(node.changeResource(TestNode.resource("create", "print_destination", "grill",
                new JsonObject().put("name", "Grill"))).getBoolean("success")).isTrue();

        JsonObject issued = issue(new JsonObject().put("name", "grill screen").put("role", "kitchen")
                .put("destination_id", "grill"));
        assertThat(issued.getString("destination_id")).isEqualTo("grill");
        assertThat(credentials().token(issued.getString("token"))).get()
                .extracting(i -> i.destination()).isEqualTo("grill");
    }

    @Test
    void aRevokedCertificateIsPublishedListedAndKeptAcrossARestart() throws Exception {
        TestNode.Events revocations = node.listen(Addresses.CREDENTIALS_REVOKED);
        JsonObject revoked = node.request(Addresses.CERTIFICATES_REVOKE,
                new JsonObject().put("serial", "0A:1B").put("reason", "tablet stolen"));
        assertThat(revoked.getString("serial")).isEqualTo("a1b");
        assertThat(revocations.next()).isEqualTo(new JsonObject().put("serial", "a1b"));
        JsonObject issued = issue(new JsonObject().put("name", "till-2").put("role", "terminal"));

        node.restart();

        assertThat(node.request(Addresses.CERTIFICATES_LIST, new JsonObject()).getJsonArray("certificates"))
                .singleElement().satisfies(c -> assertThat(((JsonObject) c).getString("reason"))
                        .isEqualTo("tablet stolen"));
        assertThat(credentials().certificateRevoked("a1b")).isTrue();
        assertThat(credentials().token(issued.getString("token"))).isPresent();
    }

    private JsonObject issue(JsonObject body) {
        JsonObject issued = node.request(Addresses.TOKENS_ISSUE, body);
        assertThat(issued.getBoolean("success")).as("%s", issued).isTrue();
        return issued;
    }

    private String error(String address, JsonObject body) {
        JsonObject reply = node.request(address, body);
        assertThat(reply.getBoolean("success")).isFalse();
        return reply.getJsonObject("error").getString("code") + " " + reply.getJsonObject("error").getString("message");
    }

    private com.redcoral.edge.access.Credentials credentials() {
        return node.node.credentials();
    }
}
