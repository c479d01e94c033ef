package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The resource reads and the admin's writes over HTTP (PROTOCOL.md §4), with statuses that say the outcome. */
@Timeout(60)
class ResourceHttpTest {

    @TempDir
    Path dir;

    TestNode t;
    WebClient http;

    @BeforeEach
    void start() throws Exception {
        t = new TestNode(dir).start();
        http = WebClient.create(t.vertx);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private JsonObject admin(JsonObject body) {
        return body.put("operator_id", "admin").put("operator_pin", TestNode.ADMIN_PIN);
    }

    private HttpResponse<Buffer> send(String method, String path, JsonObject body) {
        var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), t.node.port(), "127.0.0.1", path);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    @Test
    void createUpdateListAndDeleteAProduct() {
        HttpResponse<Buffer> created = send("POST", "/api/resources/product",
                admin(new JsonObject().put("id", "tea").put("data", new JsonObject().put("name", "Tea").put("price", 220))));
        assertThat(created.statusCode()).isEqualTo(201);
        long version = created.bodyAsJsonObject().getLong("version");
        assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("tea");

        HttpResponse<Buffer> updated = send("PUT", "/api/resources/product/tea",
                admin(new JsonObject().put("data", new JsonObject().put("price", 250)).put("expected_version", version)));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.bodyAsJsonObject().getLong("version")).isEqualTo(version + 1);

        JsonObject listed = send("GET", "/api/resources/product", null).bodyAsJsonObject();
        assertThat(listed.getLong("version")).isEqualTo(version + 1);
        assertThat(listed.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals("tea")).findFirst().orElseThrow().getInteger("price"))
                .isEqualTo(250);
        JsonObject status = send("GET", "/api/sync/status", null).bodyAsJsonObject();
        assertThat(status.getJsonObject("versions").getLong("product")).isEqualTo(version + 1);

        HttpResponse<Buffer> stale = send("DELETE", "/api/resources/product/tea",
                admin(new JsonObject().put("expected_version", version)));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("VERSION_CONFLICT");
        assertThat(send("DELETE", "/api/resources/product/tea", admin(new JsonObject())).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/resources/product/tea", admin(new JsonObject())).statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsHaveTheirStatus() {
        JsonObject tag = new JsonObject().put("data", new JsonObject().put("name", "T"));
        assertThat(send("POST", "/api/resources/tag", tag.copy().put("operator_id", "admin").put("operator_pin", "0000"))
                .statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/resources/tag", tag.copy().put("operator_id", "emp_01")
                .put("operator_pin", TestNode.CASHIER_PIN)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/resources/tag", admin(new JsonObject().put("data", new JsonObject())))
                .statusCode()).isEqualTo(400);
        HttpResponse<Buffer> notJson = http.post(t.node.port(), "127.0.0.1", "/api/resources/tag")
                .sendBuffer(Buffer.buffer("{oops")).await();
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("body");
        assertThat(send("PUT", "/api/resources/tag/a", admin(tag.copy().put("id", "b"))).statusCode()).isEqualTo(400);
        HttpResponse<Buffer> unknown = send("GET", "/api/resources/gadget", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("INVALID_REQUEST");
    }
}
