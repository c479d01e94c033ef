package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node serves the browser POS and kitchen screen the build put into it, on both listeners, without
 * credentials: pages revalidated on every load, assets immutable under a URL of their build, nothing of another
 * build, and nothing a page of another site may frame or feed. The browser tests (web/*BrowserTest) use them.
 */
@Timeout(60)
class WebPagesTest {

    private static final Pattern ASSET = Pattern.compile("\"(/assets/([0-9a-f]{16})/[^\"]+)\"");

    @TempDir
    Path dir;
    TestNode t;
    WebClient loopback;
    WebClient network;

    @BeforeEach
    void start() throws Exception {
        t = TestNode.networked(dir, NodeConfig.defaults().bridge(), List.of()).start();
        loopback = WebClient.create(t.vertx);
        network = WebClient.create(t.vertx, new WebClientOptions().setSsl(true).setTrustOptions(
                new PemTrustOptions().addCertPath(dir.resolve("certs").resolve("ca.pem").toString())));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<Buffer> get(String path) {
        return loopback.get(t.node.port(), "127.0.0.1", path).send().await();
    }

    @Test
    void thePagesAreRevalidatedAndTheirAssetsImmutable() {
        for (String path : List.of("/", "/kds")) {
            HttpResponse<Buffer> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.getHeader("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
            assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            String etag = page.getHeader("ETag");
            assertThat(etag).isNotBlank();
            HttpResponse<Buffer> again = loopback.get(t.node.port(), "127.0.0.1", path).putHeader("If-None-Match", etag)
                    .send().await();
            assertThat(again.statusCode()).as("unchanged: not sent again").isEqualTo(304);
            assertThat(again.body()).isNull();
        }

        String html = get("/").bodyAsString();
        assertThat(html).contains("<title>RedCoral POS</title>");
        Matcher assets = ASSET.matcher(html);
        List<String> paths = assets.results().map(m -> m.group(1)).toList();
        assertThat(paths).as("the page's scripts: the bridge client and ours")
                .anyMatch(p -> p.endsWith("/vendor/sockjs.min.js")).anyMatch(p -> p.endsWith("/vendor/vertx-eventbus.js"))
                .anyMatch(p -> p.endsWith("/js/pos.js")).anyMatch(p -> p.endsWith("/css/app.css"));
        String build = ASSET.matcher(html).results().findFirst().orElseThrow().group(2);
        assertThat(paths).allMatch(p -> p.startsWith("/assets/" + build + "/"));

        HttpResponse<Buffer> script = get("/assets/" + build + "/js/pos.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.getHeader("content-type")).startsWith("text/javascript");
        assertThat(script.getHeader("Cache-Control")).isEqualTo("public, immutable, max-age=31536000");
        assertThat(script.bodyAsString()).contains("import { Bus } from './bus.js';");
        HttpResponse<Buffer> client = get("/assets/" + build + "/vendor/vertx-eventbus.js");
        assertThat(client.bodyAsString()).as("the official client from npm").contains("EventBus.prototype.registerHandler");

        assertThat(get("/assets/0123456789abcdef/js/pos.js").statusCode()).as("another build's").isEqualTo(404);
        assertThat(get("/assets/" + build + "/../build.json").statusCode()).isNotEqualTo(200);
        assertThat(get("/assets/" + build + "/js/").statusCode()).as("no listings").isNotEqualTo(200);
    }

    @Test
    void theNetworkListenerServesThemWithoutCredentials() {
        URI url = URI.create(t.node.networkUrl().orElseThrow());
        HttpResponse<Buffer> page = network.get(url.getPort(), url.getHost(), "/kds").send().await();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("<title>RedCoral Kitchen</title>").contains("/js/kds.js");
        HttpResponse<Buffer> health = network.get(url.getPort(), url.getHost(), "/api/orders/active").send().await();
        assertThat(health.statusCode()).as("data still needs a credential").isEqualTo(401);
    }

    @Test
    void aPageOfAnotherSiteIsRefusedAsEverywhere() {
        HttpResponse<Buffer> framed = loopback.get(t.node.port(), "127.0.0.1", "/")
                .putHeader("Origin", "http://evil.example").send().await();
        assertThat(framed.statusCode()).isEqualTo(403);
    }
}
