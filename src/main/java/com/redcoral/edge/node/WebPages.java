package com.redcoral.edge.node;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The browser POS at {@code /} and the kitchen screen at {@code /kds}, as the build put them into the jar
 * ({@value #ROOT}/, made by {@code npm run build} in src/main/web during {@code mvn package}): two pages and
 * their assets under {@code /assets/<build>/}, a folder named by a hash of its content.
 *
 * <ul>
 *   <li>The pages are revalidated on every load ({@code Cache-Control: no-cache} with an ETag, 304 when
 *       unchanged), so a till picks up a new build at its next reload.</li>
 *   <li>The assets never change under their URL: cached for a year as immutable. Another build is another
 *       folder; a request for one that is not this build's is 404.</li>
 *   <li>The pages may load only the node's own scripts, styles and connections (Content-Security-Policy), and
 *       may not be framed by another site.</li>
 * </ul>
 *
 * Both listeners serve them, without credentials: they are code, not data. What a page then does over the bridge
 * is decided by its connection's identity, as for any terminal.
 */
final class WebPages {

    static final String ROOT = "redcoral-web";
    private static final long YEAR_SECONDS = 365L * 24 * 3600;
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    private record Page(Buffer body, String etag) {}

    private final String build;
    private final Map<String, Page> pages;

    private WebPages(String build, Map<String, Page> pages) {
        this.build = build;
        this.pages = pages;
    }

    /** The pages of this build; empty when the jar was built without them (the front end is built by npm). */
    static Optional<WebPages> load() {
        byte[] manifest = resource("build.json");
        if (manifest == null) {
            return Optional.empty();
        }
        String build = new JsonObject(Buffer.buffer(manifest)).getString("assets");
        return Optional.of(new WebPages(build, Map.of("/", page("index.html"), "/kds", page("kds.html"))));
    }

    /** The folder name of this build's assets: {@code /assets/<build>/}. */
    String build() {
        return build;
    }

    void mount(Router router) {
        pages.forEach((path, page) -> router.get(path).handler(rc -> serve(rc, page)));
        StaticHandler assets = StaticHandler.create(ROOT + "/assets").setCachingEnabled(true)
                .setMaxAgeSeconds(YEAR_SECONDS).setDirectoryListing(false).setIncludeHidden(false);
        router.get("/assets/" + build + "/*").handler(rc -> {
            rc.response().putHeader("X-Content-Type-Options", "nosniff");
            rc.next();
        }).handler(assets);
    }

    /** Where the build is missing, {@code /} and {@code /kds} say so instead of a bare 404. */
    static void mountMissing(Router router) {
        for (String path : new String[] {"/", "/kds"}) {
            router.get(path).handler(rc -> rc.response().setStatusCode(404)
                    .putHeader("content-type", "text/plain; charset=utf-8")
                    .end("This build of RedCoral Edge has no browser POS: `mvn package` builds it (it needs npm).\n"));
        }
    }

    private static void serve(RoutingContext rc, Page page) {
        var response = rc.response()
                .putHeader("Cache-Control", "no-cache")
                .putHeader("ETag", page.etag())
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (page.etag().equals(rc.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader("content-type", "text/html; charset=utf-8").end(page.body());
    }

    private static Page page(String name) {
        byte[] bytes = resource(name);
        if (bytes == null) {
            throw new IllegalStateException("the build has " + ROOT + "/build.json but not " + name);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Page(Buffer.buffer(bytes), "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebPages.class.getResourceAsStream("/" + ROOT + "/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "/" + name + " from the build", e);
        }
    }
}
