package com.redcoral.edge.node;

import static com.redcoral.edge.node.ResourceNodeTest.code;
import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.openTable;
import static com.redcoral.edge.node.TestNode.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A resource change is seen — by orders, by terminals — only once it is durable, and a failing disk loses nothing. */
@Timeout(60)
class ResourceDurabilityTest {

    @TempDir
    Path dir;

    GatedResourceStore gated;

    private TestNode start() throws Exception {
        return new TestNode(dir).start(TestNode.HOOKS.withResources(store -> gated = new GatedResourceStore(store)));
    }

    @Test
    void aChangeIsNeitherPublishedNorUsedBeforeItIsWritten() throws Exception {
        try (TestNode t = start()) {
            String orderId = t.send(openTable(null)).getString("order_id");
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            gated.disk.hold();
            Future<Message<JsonObject>> answer = t.vertx.eventBus().request(Addresses.RESOURCES_COMMAND,
                    resource("create", "product", "tea", new JsonObject().put("name", "Tea").put("price", 220)));
            gated.disk.awaitHeldWrite();

            assertThat(code(t.send(addItems(orderId, "tea", 1)))).isEqualTo("PRODUCT_NOT_FOUND");
            assertThat(syncs.pending()).isEmpty();
            assertThat(answer.isComplete()).isFalse();

            gated.disk.release();
            assertThat(answer.await().body().getBoolean("success")).isTrue();
            assertThat(syncs.next().getString("id")).isEqualTo("tea");
            assertThat(t.send(addItems(orderId, "tea", 1)).getBoolean("success")).isTrue();
        }
    }

    @Test
    void aFailedWriteIsRefusedLeavesEverythingAsItWasAndStopsFurtherChanges() throws Exception {
        try (TestNode t = start()) {
            JsonObject before = t.request(Addresses.RESOURCES_STATUS, new JsonObject());
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            gated.disk.breakDisk();
            JsonObject failed = t.changeResource(resource("create", "tag", "t", new JsonObject().put("name", "T")));
            assertThat(code(failed)).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(t.request(Addresses.RESOURCES_STATUS, new JsonObject()).getJsonObject("versions"))
                    .isEqualTo(before.getJsonObject("versions"));
            assertThat(ResourceNodeTest.list(t, "tag").getJsonArray("items")).isEmpty();
            assertThat(syncs.pending()).isEmpty();
            gated.disk.repair(); // a disk that failed once is not trusted again until a restart
            assertThat(code(t.changeResource(resource("create", "tag", "u", new JsonObject().put("name", "U")))))
                    .isEqualTo("STORAGE_UNAVAILABLE");
        }
    }
}
