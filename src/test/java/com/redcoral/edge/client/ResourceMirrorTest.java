package com.redcoral.edge.client;

import static com.redcoral.edge.resource.ResourceType.CATEGORY;
import static com.redcoral.edge.resource.ResourceType.DINING_TABLE;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceType.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.client.FakeResourceNode.TypeState;
import com.redcoral.edge.client.ResourceMirror.Change;
import com.redcoral.edge.client.ResourceMirror.Change.ItemChanged;
import com.redcoral.edge.client.ResourceMirror.Change.TypeReloaded;
import com.redcoral.edge.client.ResourceMirror.Stats;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.resource.ResourceChange.Action;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ResourceMirror} against {@link FakeResourceNode}. The mirror lives on an event-loop context
 * of a real Vert.x; the test thread works with it through {@link #on}, which runs on that context and
 * waits, and feeds it the node's sync messages (or drops them) as a network would.
 */
@ExtendWith(VertxExtension.class)
@Timeout(10)
class ResourceMirrorTest {

    private static final String STATUS = Addresses.RESOURCES_STATUS;
    private static final String LIST = Addresses.RESOURCES_LIST;
    private static final String CHANGES = Addresses.RESOURCES_CHANGES;
    private static final int TYPES = ResourceType.values().length;

    private final FakeResourceNode node = new FakeResourceNode();
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private Context context;
    private ResourceMirror mirror;

    @BeforeEach
    void mirrorOnAContext(Vertx vertx) {
        node.create(PRODUCT, "cola", product("Cola", 300));
        node.create(PRODUCT, "tea", product("Tea", 250));
        node.create(CATEGORY, "drinks", new JsonObject().put("name", "Drinks"));
        node.create(ZONE, "hall", new JsonObject().put("name", "Hall").put("surcharge_percent", 10));
        node.create(DINING_TABLE, "t1", new JsonObject().put("name", "T1").put("zone_id", "hall").put("seats", 4));
        context = vertx.getOrCreateContext();
        mirror = on(() -> ResourceMirror.create(node).onChange(changes::add));
    }

    @Test
    void loadCopiesEveryTypeWithItsVersionAndTheEpoch() {
        call(mirror::load);

        assertMirrorEqualsNode();
        assertThat(on(mirror::epoch)).contains(node.epoch());
        assertThat(on(() -> mirror.version(PRODUCT))).isEqualTo(ResourceVersion.of(2));
        assertThat(on(() -> mirror.item(PRODUCT, "tea"))).get()
                .isEqualTo(new JsonObject().put("name", "Tea").put("price", 250).put("id", "tea").put("version", 2));
        assertThat(node.requests(STATUS)).isEqualTo(1);
        assertThat(node.requested(LIST)).containsExactlyElementsOf(wireNames(ResourceType.values()));
        assertThat(changes).hasSize(TYPES).allMatch(c -> c instanceof TypeReloaded);
        assertThat(stats()).isEqualTo(new Stats(0, 1, TYPES, 0, 0, 0, 0, 0));
    }

    @Test
    void createUpdateAndDeleteInOrderAreAppliedAndReported() {
        call(mirror::load);
        changes.clear();

        publish(node.create(PRODUCT, "beer", product("Beer", 500)));
        publish(node.update(PRODUCT, "cola", new JsonObject().put("price", 320)));
        publish(node.delete(PRODUCT, "tea"));
        publish(node.update(ZONE, "hall", new JsonObject().put("surcharge_percent", 12.5)));

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.items(PRODUCT))).extracting(item -> item.getString("id")).containsExactly("beer", "cola");
        assertThat(on(() -> mirror.item(PRODUCT, "cola"))).get().extracting(item -> item.getInteger("price")).isEqualTo(320);
        assertThat(on(() -> mirror.item(PRODUCT, "tea"))).isEmpty();
        assertThat(changes).containsExactly(
                new ItemChanged(PRODUCT, Action.CREATED, "beer", ResourceVersion.of(3)),
                new ItemChanged(PRODUCT, Action.UPDATED, "cola", ResourceVersion.of(4)),
                new ItemChanged(PRODUCT, Action.DELETED, "tea", ResourceVersion.of(5)),
                new ItemChanged(ZONE, Action.UPDATED, "hall", ResourceVersion.of(2)));
        assertThat(stats().applied()).isEqualTo(4);
        assertNoRequestsAfterLoad();
    }

    @Test
    void aDuplicateOrAnOldMessageIsSkipped() {
        call(mirror::load);
        JsonObject beer = node.create(PRODUCT, "beer", product("Beer", 500));
        JsonObject dearer = node.update(PRODUCT, "beer", new JsonObject().put("price", 550));

        publish(beer);
        publish(dearer);
        publish(dearer);
        publish(beer);

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.item(PRODUCT, "beer"))).get().extracting(item -> item.getInteger("price")).isEqualTo(550);
        assertThat(stats().skipped()).isEqualTo(2);
        assertThat(stats().gaps()).isZero();
        assertNoRequestsAfterLoad();
    }

    @Test
    void aDroppedMessageIsAGapCaughtUpWithOneChangesRequest() {
        call(mirror::load);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // dropped
        publish(node.update(PRODUCT, "cola", new JsonObject().put("price", 320)));

        assertMirrorEqualsNode();
        assertThat(node.requested(CHANGES)).containsExactly("product");
        assertThat(node.requests(LIST)).isEqualTo(TYPES);
        assertThat(stats().gaps()).isEqualTo(1);
        assertThat(stats().changesRequests()).isEqualTo(1);
        assertThat(stats().skipped()).isEqualTo(1);                                  // the gap's own message, caught up
        assertThat(changes).contains(new ItemChanged(PRODUCT, Action.CREATED, "beer", ResourceVersion.of(3)));
    }

    @Test
    void messagesDuringACatchUpAreKeptAndAppliedAfterIt() {
        call(mirror::load);
        node.hold(CHANGES);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // v3, dropped
        JsonObject v4 = node.update(PRODUCT, "cola", new JsonObject().put("price", 320));
        publish(v4);                                                             // gap: changes since 2, held

        JsonObject v5 = node.update(PRODUCT, "tea", new JsonObject().put("price", 260));
        JsonObject v6 = node.create(PRODUCT, "wine", product("Wine", 900));
        publish(v5);
        publish(v4);
        publish(v6);

        assertThat(on(() -> mirror.version(PRODUCT))).isEqualTo(ResourceVersion.of(2));
        assertThat(on(() -> mirror.item(PRODUCT, "wine"))).isEmpty();
        assertThat(node.requests(CHANGES)).isEqualTo(1);
        assertThat(node.parked()).isEqualTo(1);

        node.release();                                                          // changes up to v4, then v5, v6 kept

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.version(PRODUCT))).isEqualTo(ResourceVersion.of(6));
        assertThat(node.requests(CHANGES)).isEqualTo(1);
        assertThat(node.requests(LIST)).isEqualTo(TYPES);
        assertThat(stats().gaps()).isEqualTo(1);
    }

    @Test
    void aGapAmongTheKeptMessagesStartsTheNextCatchUpOnlyAfterTheFirst() {
        call(mirror::load);
        node.hold(CHANGES);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // v3, dropped
        publish(node.update(PRODUCT, "cola", new JsonObject().put("price", 320))); // v4: gap, changes held
        publish(node.update(PRODUCT, "tea", new JsonObject().put("price", 260)));  // v5, kept
        node.delete(PRODUCT, "beer");                                            // v6, dropped
        publish(node.create(PRODUCT, "wine", product("Wine", 900)));             // v7, kept

        assertThat(node.requests(CHANGES)).isEqualTo(1);

        node.release();

        assertMirrorEqualsNode();
        assertThat(node.requests(CHANGES)).isEqualTo(2);
        assertThat(stats().gaps()).isEqualTo(2);
    }

    @Test
    void whenTheChangeLogNoLongerReachesBackTheTypeIsListed() {
        node.retain(2);
        call(mirror::load);
        changes.clear();
        for (int i = 0; i < 4; i++) {
            node.update(PRODUCT, "cola", new JsonObject().put("price", 300 + i));  // dropped: v3 to v6
        }
        publish(node.update(PRODUCT, "tea", new JsonObject().put("price", 260)));  // v7

        assertMirrorEqualsNode();
        assertThat(node.requested(CHANGES)).containsExactly("product");
        assertThat(node.requested(LIST)).hasSize(TYPES + 1).last().isEqualTo("product");
        assertThat(changes).containsExactly(new TypeReloaded(PRODUCT, ResourceVersion.of(7)));
    }

    @Test
    void reconnectingToTheSameEpochAsksOnlyForTheTypesThatChanged() {
        call(mirror::load);
        node.forgetRequests();
        node.create(PRODUCT, "beer", product("Beer", 500));                      // all missed while away
        node.update(PRODUCT, "cola", new JsonObject().put("price", 320));
        node.delete(DINING_TABLE, "t1");
        node.create(ZONE, "terrace", new JsonObject().put("name", "Terrace"));

        call(mirror::reconnected);

        assertMirrorEqualsNode();
        assertThat(node.requests(STATUS)).isEqualTo(1);
        assertThat(node.requested(CHANGES)).containsExactlyInAnyOrder("product", "zone", "dining_table");
        assertThat(node.requests(LIST)).isZero();
        assertThat(on(mirror::epoch)).contains(node.epoch());
    }

    @Test
    void reconnectingToANodeBelowTheMirrorInTheSameEpochListsThatType() {
        call(mirror::load);
        TypeState backup = node.state(PRODUCT);
        publish(node.create(PRODUCT, "beer", product("Beer", 500)));
        publish(node.update(PRODUCT, "beer", new JsonObject().put("price", 550)));
        node.restore(PRODUCT, backup);                                           // v2 again, same epoch
        node.create(PRODUCT, "juice", product("Juice", 400));                    // another v3
        node.forgetRequests();

        call(mirror::reconnected);

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.item(PRODUCT, "beer"))).isEmpty();
        assertThat(node.requested(LIST)).containsExactly("product");
        assertThat(node.requests(CHANGES)).isZero();
    }

    @Test
    void reconnectingToANewEpochReloadsEverything() {
        call(mirror::load);
        TypeState standby = node.state(PRODUCT);
        publish(node.create(PRODUCT, "beer", product("Beer", 500)));             // v3, which the standby never got
        String before = on(mirror::epoch).orElseThrow();
        String after = node.takeOver(PRODUCT, standby);
        node.create(PRODUCT, "juice", product("Juice", 400));                    // the new primary's v3
        node.forgetRequests();
        changes.clear();

        call(mirror::reconnected);

        assertMirrorEqualsNode();
        assertThat(after).isNotEqualTo(before);
        assertThat(on(mirror::epoch)).contains(after);
        assertThat(on(() -> mirror.item(PRODUCT, "beer"))).isEmpty();
        assertThat(node.requested(LIST)).containsExactlyInAnyOrderElementsOf(wireNames(ResourceType.values()));
        assertThat(node.requests(CHANGES)).isZero();
        assertThat(changes).hasSize(TYPES).allMatch(c -> c instanceof TypeReloaded);

        publish(node.create(PRODUCT, "wine", product("Wine", 900)));             // v4 of the new epoch
        assertMirrorEqualsNode();
    }

    @Test
    void messagesKeptFromBeforeANewEpochAreNotAppliedOnTopOfIt() {
        call(mirror::load);
        TypeState standby = node.state(PRODUCT);
        node.hold(CHANGES);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // v3, dropped
        publish(node.update(PRODUCT, "beer", new JsonObject().put("price", 550))); // v4: gap, changes held
        node.takeOver(PRODUCT, standby);
        node.create(PRODUCT, "juice", product("Juice", 400));                    // the new primary's v3

        Future<Void> reconnected = on(mirror::reconnected);
        node.release();
        reconnected.await();

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.item(PRODUCT, "beer"))).isEmpty();
    }

    @Test
    void aFailedCatchUpLeavesTheTypeStaleUntilTheNextMessage() {
        call(mirror::load);
        node.failNext(CHANGES);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // dropped
        publish(node.update(PRODUCT, "cola", new JsonObject().put("price", 320)));

        assertThat(on(() -> mirror.isStale(PRODUCT))).isTrue();
        assertThat(on(() -> mirror.version(PRODUCT))).isEqualTo(ResourceVersion.of(2));
        assertThat(on(() -> mirror.item(PRODUCT, "beer"))).isEmpty();
        assertThat(stats().failedCatchUps()).isEqualTo(1);

        publish(node.update(PRODUCT, "tea", new JsonObject().put("price", 260)));

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.isStale(PRODUCT))).isFalse();
        assertThat(node.requests(CHANGES)).isEqualTo(2);
        assertThat(stats().gaps()).isEqualTo(1);
    }

    @Test
    void aRefusedCatchUpIsRetriedByResync() {
        call(mirror::load);
        node.refuseNext(CHANGES);
        node.create(PRODUCT, "beer", product("Beer", 500));                      // dropped
        publish(node.update(PRODUCT, "cola", new JsonObject().put("price", 320)));

        assertThat(on(() -> mirror.isStale(PRODUCT))).isTrue();

        call(mirror::resync);

        assertMirrorEqualsNode();
        assertThat(on(() -> mirror.isStale(PRODUCT))).isFalse();
        assertThat(node.requested(CHANGES)).containsExactly("product", "product");
    }

    @Test
    void aFailedLoadFailsAndTheNextMessageListsTheType() {
        node.failNext(LIST);
        Throwable failure = failure(mirror::load);

        assertThat(failure).hasMessageContaining("STORAGE_UNAVAILABLE");
        assertThat(on(() -> mirror.isStale(PRODUCT))).isTrue();
        assertThat(on(() -> Arrays.stream(ResourceType.values()).filter(mirror::isStale).count())).isEqualTo(1L);

        publish(node.create(PRODUCT, "beer", product("Beer", 500)));

        assertMirrorEqualsNode();
        assertThat(node.requested(LIST)).filteredOn("product"::equals).hasSize(2);
        assertThat(node.requests(CHANGES)).isZero();
    }

    @Test
    void messagesThatArriveWhileLoadingAreAppliedAfterTheList() {
        node.hold(LIST);
        Future<Void> loaded = on(mirror::load);
        publish(node.create(PRODUCT, "beer", product("Beer", 500)));             // v3, after the list's v2
        node.release();
        loaded.await();

        assertMirrorEqualsNode();
        assertThat(node.requests(CHANGES)).isZero();
        assertThat(stats().gaps()).isZero();
    }

    @Test
    void anUnknownResourceTypeOrAMessageWithoutVersionIsIgnored() {
        call(mirror::load);

        publish(new JsonObject().put("resource", "loyalty_card").put("action", "created").put("id", "c1")
                .put("version", 1).put("data", new JsonObject().put("id", "c1").put("version", 1)));
        publish(new JsonObject().put("resource", "product").put("action", "deleted").put("id", "cola"));

        assertMirrorEqualsNode();
        assertThat(stats().ignored()).isEqualTo(2);
        assertNoRequestsAfterLoad();
    }

    @Test
    void aMessageThatCannotBeAppliedIsFetchedAgain() {
        call(mirror::load);
        JsonObject garbled = node.update(PRODUCT, "cola", new JsonObject().put("price", 320)).put("action", "renamed");

        publish(garbled);

        assertMirrorEqualsNode();
        assertThat(node.requested(CHANGES)).containsExactly("product");
        assertThat(stats().gaps()).isEqualTo(1);
    }

    @Test
    void whatTheMirrorHandsOutOrIsGivenIsACopy() {
        call(mirror::load);
        JsonObject beer = node.create(PRODUCT, "beer", product("Beer", 500));
        publish(beer);
        beer.getJsonObject("data").put("price", 1);
        on(() -> mirror.item(PRODUCT, "beer").orElseThrow().put("price", 2));
        on(() -> mirror.items(PRODUCT).get(0).put("price", 3));

        assertMirrorEqualsNode();
        assertThatThrownBy(() -> on(() -> mirror.items(PRODUCT).add(new JsonObject())))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsOffTheContextAreRefusedAndFuturesCompleteOnIt() {
        assertThatThrownBy(() -> mirror.items(PRODUCT)).isInstanceOf(IllegalStateException.class);
        Thread eventLoop = on(Thread::currentThread);
        node.hold(LIST);
        Promise<Thread> completedOn = Promise.promise();

        mirror.load().onComplete(ar -> completedOn.complete(Thread.currentThread()));   // from the test thread
        node.release();                                                                 // from the test thread

        assertThat(completedOn.future().await()).isSameAs(eventLoop);
        assertMirrorEqualsNode();
    }

    @Test
    void theEventBusSourceTurnsAFailedReplyIntoAFailure(Vertx vertx) {
        serveResources(vertx);
        ResourceMirror local = on(() -> ResourceMirror.create(ResourceSource.eventBus(vertx)));
        node.failNext(LIST);

        Throwable failure = failure(local::load);

        assertThat(failure).isInstanceOf(ReplyException.class).hasMessageContaining("STORAGE_UNAVAILABLE");
        assertThat(on(() -> local.isStale(PRODUCT))).isTrue();
        assertThat(on(() -> local.isStale(CATEGORY))).isFalse();
    }

    @Test
    void aTerminalInTheNodesJvmWiresTheMirrorAsDocumented(Vertx vertx) {
        serveResources(vertx);
        Screen screen = new Screen();
        AtomicReference<ResourceMirror> terminal = new AtomicReference<>();

        call(() -> {
            // docs/resources.md, "Using it"
            ResourceMirror mirror = ResourceMirror.create(ResourceSource.eventBus(vertx)).onChange(screen::redraw);
            vertx.eventBus().<JsonObject>consumer(Addresses.RESOURCES_SYNC, message -> mirror.accept(message.body()));
            terminal.set(mirror);
            return mirror.load();
        });
        vertx.eventBus().publish(Addresses.RESOURCES_SYNC, node.create(PRODUCT, "beer", product("Beer", 500)));

        assertThat(screen.beer.future().await()).isEqualTo(new ItemChanged(PRODUCT, Action.CREATED, "beer",
                ResourceVersion.of(3)));
        assertMirrorEqualsNode(terminal.get());
    }

    @Test
    void aTerminalAcrossTheNetworkWiresTheMirrorAsDocumented(Vertx vertx) {
        serveResources(vertx);
        SockJSBridgeOptions permitted = new SockJSBridgeOptions()
                .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.RESOURCES_SYNC));
        List.of(STATUS, LIST, CHANGES).forEach(address -> permitted.addInboundPermitted(
                new PermittedOptions().setAddress(address)));
        Router router = Router.router(vertx);
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(permitted));
        int port = vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
        BridgeConnection connection = BridgeConnection.connect(vertx,
                BridgeConnection.bridgeUri(URI.create("http://127.0.0.1:" + port)), BridgeOptions.defaults()).await();
        Screen screen = new Screen();
        AtomicReference<ResourceMirror> terminal = new AtomicReference<>();

        call(() -> {
            // docs/resources.md, "Using it"
            ResourceMirror mirror = ResourceMirror.create(ResourceSource.bridge(connection, Duration.ofSeconds(5)))
                    .onChange(screen::redraw);
            terminal.set(mirror);
            return connection.register(Addresses.RESOURCES_SYNC, mirror::accept).compose(v -> mirror.load());
        });
        node.create(PRODUCT, "wine", product("Wine", 900));                      // dropped
        vertx.eventBus().publish(Addresses.RESOURCES_SYNC, node.create(PRODUCT, "beer", product("Beer", 500)));

        assertThat(screen.beer.future().await()).isEqualTo(new ItemChanged(PRODUCT, Action.CREATED, "beer",
                ResourceVersion.of(4)));
        assertMirrorEqualsNode(terminal.get());
        assertThat(on(() -> terminal.get().stats().changesRequests())).isEqualTo(1);
        connection.close().await();
    }

    /** A view that redraws on every change, and tells when the beer appears. */
    private static final class Screen {
        final Promise<Change> beer = Promise.promise();

        void redraw(Change change) {
            if (change instanceof ItemChanged item && item.id().equals("beer")) {
                beer.tryComplete(change);
            }
        }
    }

    /** The node's resource addresses on the bus, answered by {@link #node}. */
    private void serveResources(Vertx vertx) {
        for (String address : List.of(STATUS, LIST, CHANGES)) {
            vertx.eventBus().<JsonObject>consumer(address, message -> node.request(address, message.body())
                    .onSuccess(message::reply)
                    .onFailure(e -> message.fail(503, e.getMessage())));
        }
    }

    private void assertMirrorEqualsNode() {
        assertMirrorEqualsNode(mirror);
    }

    private void assertMirrorEqualsNode(ResourceMirror terminal) {
        Map<ResourceType, TypeState> mirrored = on(() -> Arrays.stream(ResourceType.values()).collect(Collectors.toMap(
                Function.identity(), type -> new TypeState(terminal.version(type).value(), terminal.items(type)))));
        Map<ResourceType, TypeState> held = Arrays.stream(ResourceType.values())
                .collect(Collectors.toMap(Function.identity(), node::state));
        assertThat(mirrored).isEqualTo(held);
        assertThat(on(() -> Arrays.stream(ResourceType.values()).noneMatch(terminal::isStale))).isTrue();
    }

    private void assertNoRequestsAfterLoad() {
        assertThat(node.requests(STATUS)).isEqualTo(1);
        assertThat(node.requests(LIST)).isEqualTo(TYPES);
        assertThat(node.requests(CHANGES)).isZero();
    }

    private void publish(JsonObject sync) {
        on(() -> {
            mirror.accept(sync);
            return null;
        });
    }

    private Stats stats() {
        return on(mirror::stats);
    }

    private <T> T on(Supplier<T> action) {
        return OnContext.get(context, action);
    }

    private <T> T call(Supplier<Future<T>> action) {
        return OnContext.await(context, action);
    }

    private Throwable failure(Supplier<Future<Void>> action) {
        return on(action).transform(ar -> Future.succeededFuture(ar.cause())).await();
    }

    private static JsonObject product(String name, int price) {
        return new JsonObject().put("name", name).put("price", price);
    }

    private static List<String> wireNames(ResourceType... types) {
        return Arrays.stream(types).map(ResourceType::wireName).toList();
    }
}
