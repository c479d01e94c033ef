package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.client.OnContext;
import com.redcoral.edge.client.ResourceMirror;
import com.redcoral.edge.client.ResourceSource;
import com.redcoral.edge.resource.ResourceType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource mirror against a real node — the four checks of the sync design: incremental changes
 * reach it, a lost message is detected and caught up, a restart's new epoch makes it reload, and a
 * reconnection after missed changes recovers exactly (over the bridge).
 */
@Timeout(60)
class ResourceMirrorNodeTest {

    @TempDir
    Path dir;

    private Context context;
    private ResourceMirror mirror;
    private final BlockingQueue<ResourceMirror.Change> changes = new LinkedBlockingQueue<>();

    /** The mirror, on a context of the node's Vert.x made for it (the terminal's). */
    private void createMirror(TestNode t, ResourceSource source) {
        if (context == null) {
            context = t.vertx.getOrCreateContext();
        }
        mirror = on(() -> ResourceMirror.create(source).onChange(changes::add));
        call(mirror::load);
    }

    /** Follows pos.resources.sync on the local bus, handing every message to the mirror unless {@code drop} says not to. */
    private MessageConsumer<JsonObject> feed(TestNode t, java.util.function.Predicate<JsonObject> drop) {
        MessageConsumer<JsonObject> consumer = on(() -> t.vertx.eventBus().<JsonObject>consumer(Addresses.RESOURCES_SYNC,
                m -> {
                    if (!drop.test(m.body())) {
                        mirror.accept(m.body());
                    }
                }));
        consumer.completion().await();
        return consumer;
    }

    @Test
    void createUpdateAndDeleteReachTheMirrorOneByOne() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            createMirror(t, ResourceSource.eventBus(t.vertx));
            feed(t, m -> false);
            t.changeResource(resource("create", "product", "tea", new JsonObject().put("name", "Tea").put("price", 220)));
            t.changeResource(resource("update", "product", "tea", new JsonObject().put("price", 240)));
            t.changeResource(resource("create", "zone", "bar", new JsonObject().put("name", "Bar")));
            t.changeResource(resource("delete", "product", "cola", null));
            awaitVersion(ResourceType.PRODUCT, ResourceNodeTest.version(t, "product"));
            awaitVersion(ResourceType.ZONE, ResourceNodeTest.version(t, "zone"));

            assertMirrorEqualsNode(t);
            assertThat(on(() -> mirror.item(ResourceType.PRODUCT, "tea")).orElseThrow().getInteger("price")).isEqualTo(240);
            assertThat(on(() -> mirror.item(ResourceType.PRODUCT, "cola"))).isEmpty();
            ResourceMirror.Stats stats = on(mirror::stats);
            assertThat(stats.gaps()).isZero();
            assertThat(stats.applied()).isEqualTo(4);
        }
    }

    @Test
    void aLostSyncMessageIsDetectedAndCaughtUp() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            createMirror(t, ResourceSource.eventBus(t.vertx));
            feed(t, m -> m.getString("id").equals("lost"));
            t.changeResource(resource("create", "tag", "lost", new JsonObject().put("name", "Lost")));
            t.changeResource(resource("create", "tag", "next", new JsonObject().put("name", "Next")));
            awaitVersion(ResourceType.TAG, 2);

            assertMirrorEqualsNode(t);
            assertThat(on(() -> mirror.item(ResourceType.TAG, "lost"))).isPresent();
            ResourceMirror.Stats stats = on(mirror::stats);
            assertThat(stats.gaps()).isEqualTo(1);
            assertThat(stats.changesRequests()).isEqualTo(1);
        }
    }

    @Test
    void aRestartChangesTheEpochAndTheMirrorReloadsEverything() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            createMirror(t, ResourceSource.eventBus(t.vertx));
            feed(t, m -> false);
            String before = on(mirror::epoch).orElseThrow();
            long lists = on(mirror::stats).listRequests();

            t.restart();
            call(mirror::reconnected);

            assertThat(on(mirror::epoch).orElseThrow()).isNotEqualTo(before)
                    .isEqualTo(t.request(Addresses.RESOURCES_STATUS, new JsonObject()).getString("epoch"));
            assertThat(on(mirror::stats).listRequests() - lists).isEqualTo(ResourceType.values().length);
            assertMirrorEqualsNode(t);
        }
    }

    @Test
    void aTerminalThatReconnectsOverTheBridgeRecoversExactlyWhatItMissed() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            context = t.vertx.getOrCreateContext(); // the terminal's: its connections and its mirror
            URI bridge = BridgeConnection.bridgeUri(URI.create(t.node.url()));
            AtomicReference<BridgeConnection> current = new AtomicReference<>(connect(t, bridge));
            createMirror(t, (address, body) -> current.get().request(address, body, Duration.ofSeconds(5)));
            on(() -> current.get().register(Addresses.RESOURCES_SYNC, mirror::accept)).await();
            t.changeResource(resource("create", "tag", "seen", new JsonObject().put("name", "Seen")));
            awaitVersion(ResourceType.TAG, 1);

            current.get().close().await();
            t.changeResource(resource("create", "tag", "missed", new JsonObject().put("name", "Missed")));
            t.changeResource(resource("update", "product", "cola", new JsonObject().put("price", 350)));
            t.changeResource(resource("delete", "tag", "seen", null));
            ResourceMirror.Stats before = on(mirror::stats);

            current.set(connect(t, bridge));
            on(() -> current.get().register(Addresses.RESOURCES_SYNC, mirror::accept)).await();
            call(mirror::reconnected);

            assertMirrorEqualsNode(t);
            ResourceMirror.Stats after = on(mirror::stats);
            assertThat(after.changesRequests() - before.changesRequests()).as("only the two types that changed")
                    .isEqualTo(2);
            assertThat(after.listRequests()).isEqualTo(before.listRequests());
            current.get().close().await();
        }
    }

    private BridgeConnection connect(TestNode t, URI bridge) {
        return on(() -> BridgeConnection.connect(t.vertx, bridge, BridgeOptions.defaults())).await();
    }

    /** Waits, by the mirror's change notices, until it shows {@code version} of {@code type}. */
    private void awaitVersion(ResourceType type, long version) throws InterruptedException {
        while (on(() -> mirror.version(type)).value() < version) {
            if (changes.poll(10, TimeUnit.SECONDS) == null) {
                throw new AssertionError("the mirror did not reach " + type + " version " + version + " within 10 s");
            }
        }
    }

    /** Every type: the same version and the same items as the node lists. */
    private void assertMirrorEqualsNode(TestNode t) {
        for (ResourceType type : ResourceType.values()) {
            JsonObject listed = ResourceNodeTest.list(t, type.wireName());
            assertThat(on(() -> mirror.version(type)).value()).as(type + " version").isEqualTo(listed.getLong("version"));
            assertThat(on(() -> mirror.items(type)).stream().map(JsonObject::encode).toList()).as(type + " items")
                    .isEqualTo(listed.getJsonArray("items").stream().map(i -> ((JsonObject) i).encode()).toList());
        }
    }

    private <T> T on(Supplier<T> action) {
        return OnContext.get(context, action);
    }

    private void call(Supplier<Future<Void>> action) {
        OnContext.await(context, action);
    }
}
