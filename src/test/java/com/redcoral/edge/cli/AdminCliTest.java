package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminRunner.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.cli.AdminRunner.Run;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * Every {@code admin} command end to end: picocli in this JVM, stdout and stderr captured, against a real
 * node's loopback bridge — what it prints, what it prints with {@code --json}, and its exit code, refusals
 * included. The network listener, with certificates and tokens: {@link AdminCliNetworkTest}.
 */
@Timeout(120)
class AdminCliTest {

    @TempDir
    Path dir;
    private AdminNode node;
    private final AdminRunner cli = new AdminRunner();
    private final Map<String, String> variables = cli.variables;
    private final List<String> typedSecrets = cli.typedSecrets;

    /** Who the node takes a connection of its loopback listener for: every one is this identity. */
    private static final String LOOPBACK = "loopback (admin, loopback)";
    /** A time as the CLI prints it. */
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

    @BeforeEach
    void start() throws Exception {
        node = new AdminNode(dir.resolve("node"));
    }

    @AfterEach
    void close() {
        node.close();
    }

    // --------------------------------------------------------------------------------- status

    /**
     * The whole status over the loopback listener: its connections are all the identity {@code loopback} with
     * the listener's role, the command's own among the terminals. (Over the network, by certificate and token:
     * AdminCliNetworkTest.)
     */
    @Test
    void statusShowsTheCallerTheNodeTheActiveOrdersAndTheTerminals() {
        node.orderWithColas("T1", 2);
        node.orderWithColas(null, 1);

        Run run = admin("status");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().limit(4)).containsExactly(
                "caller     " + LOOPBACK,
                "node       primary, serving, sequence 4",
                "orders     2 active",
                "terminals  1 connected");
        assertThat(run.out().lines().skip(4)).singleElement().asString() // the command's own connection
                .matches("  " + Pattern.quote(LOOPBACK) + " on loopback from 127\\.0\\.0\\.1:\\d+ since " + TIME);
        assertThat(run.err()).isEmpty();

        // The connection of the run before may still be closing: one or two loopback connections.
        JsonObject json = admin("status", "--json").json();
        assertThat(json.getJsonObject("identity")).isEqualTo(new JsonObject().put("success", true)
                .put("name", "loopback").put("role", "admin").putNull("destination_id").put("source", "loopback"));
        assertThat(json.getJsonObject("node").getLong("server_sequence")).isEqualTo(4);
        assertThat(json.getInteger("active_orders")).isEqualTo(2);
        assertThat(json.getJsonObject("connections").getJsonArray("connections")).isNotEmpty()
                .allSatisfy(c -> assertThat(((JsonObject) c).getString("listener")).isEqualTo("loopback"));
    }

    /**
     * A node older than the CLI (before issue 5's terminals) has no pos.auth.identity: its bridge permits only
     * the addresses it knows, so the status is refused, saying why, rather than showing half of it.
     */
    @Test
    void aNodeOlderThanTheCliRefusesWhatItDoesNotKnowAndTheCliSaysWhy() {
        Vertx older = Vertx.vertx();
        try {
            older.eventBus().<JsonObject>consumer(Addresses.NODE_STATUS, m -> m.reply(new JsonObject()
                    .put("role", "primary").put("state", "serving").put("server_sequence", 0)));
            older.eventBus().<JsonObject>consumer(Addresses.ORDERS_ACTIVE, m -> m.reply(new JsonObject()
                    .put("server_sequence", 0).put("orders", new JsonArray())));
            SockJSBridgeOptions bridge = new SockJSBridgeOptions();
            List.of(Addresses.NODE_STATUS, Addresses.ORDERS_ACTIVE, Addresses.ORDERS_COMMAND)
                    .forEach(a -> bridge.addInboundPermitted(new PermittedOptions().setAddress(a)));
            Router router = Router.router(older);
            router.route("/eventbus/*").subRouter(SockJSHandler.create(older).bridge(bridge));
            int port = older.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();

            Run run = admin("status", "--url", "http://127.0.0.1:" + port);

            assertThat(run.exit()).isEqualTo(AdminCommand.REFUSED);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo(lines("admin status: the node refused pos.auth.identity: access_denied: "
                    + "the node's bridge does not know this address (a node older than this command?)"));
        } finally {
            older.close().await();
        }
    }

    // --------------------------------------------------------------------------------- orders

    @Test
    void ordersListShowAndTimeline() {
        String table = node.orderWithColas("T1", 4);
        node.order("emp_01", "MODIFY_ITEM", new JsonObject().put("order_id", table).put("instance_id", "5d5cbd353c5e83d9")
                .put("affected_quantity", 2).put("changes", new JsonObject().put("discount_percent", 50)), true);
        String counter = node.orderWithColas(null, 1);

        Run list = admin("orders", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().findFirst()).hasValueSatisfying(header -> assertThat(header)
                .matches("ORDER +TABLE +GUESTS +ITEMS +TOTAL +PAID +REMAINING +OPENED"));
        assertThat(list.out()).contains(table).contains(counter).containsPattern(table + " +Table 1 +- +4 +9\\.00 +0\\.00 +9\\.00")
                .containsPattern(counter + " +counter +- +1 +3\\.00").endsWith("2 active orders at sequence 5" + System.lineSeparator());
        assertThat(admin("orders", "list", "--json").json().getJsonArray("orders")).hasSize(2);

        Run show = admin("orders", "show", table);
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("order      " + table + "  ACTIVE  (as of sequence 3)")
                .contains("table      Table 1, zone hall, surcharge 0%")
                .containsPattern("2 +Cola \\(5d5cbd\\) +3\\.00 +0% +6\\.00")
                .containsPattern("2 +Cola \\(46fa59\\) +3\\.00 +50% +3\\.00")
                .contains("total      9.00").contains("remaining  9.00");
        Run before = admin("orders", "show", table, "--at", "2");
        assertThat(before.out()).contains("(as of sequence 2)").containsPattern("4 +Cola \\(5d5cbd\\) +3\\.00 +0% +12\\.00");
        assertThat(admin("orders", "show", table, "--json").json().getString("order_id")).isEqualTo(table);

        Run timeline = admin("timeline", table);
        assertThat(timeline.exit()).isZero();
        assertThat(timeline.out().lines().map(l -> l.replaceFirst("^(#\\d+)  \\S+ \\S+  ", "$1 ")).toList())
                .containsExactly("#1 Zhang San opened Table 1", "#2 Zhang San added 4 Cola (5d5cbd) at 3.00 each",
                        "#3 Zhang San applied a 50% discount to 2 of 4 Cola (5d5cbd), approved by Li: 2 stay at full "
                                + "price (5d5cbd), 2 now discounted (46fa59)");
        JsonObject audit = admin("timeline", table, "--json").json();
        assertThat(audit.getJsonArray("entries").getJsonObject(2).getString("authorizer_name")).isEqualTo("Li");
    }

    @Test
    void anUnknownOrderIsARefusalByTheNode() {
        Run show = admin("orders", "show", "no-such-order");
        assertThat(show.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(show.out()).isEmpty();
        assertThat(show.err()).isEqualTo(lines("admin orders show: the node refused: ORDER_NOT_FOUND: order no-such-order "
                + "does not exist"));

        Run timeline = admin("timeline", "no-such-order", "--json");
        assertThat(timeline.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(timeline.json().getJsonObject("error").getString("code")).isEqualTo("ORDER_NOT_FOUND");

        Run beyond = admin("orders", "show", "x", "--at", "99");
        assertThat(beyond.err()).contains("INVALID_REQUEST: at_sequence: 99 is beyond the server sequence 0");
    }

    // ------------------------------------------------------------------------------ resources

    @Test
    void resourcesListPutAndDeleteWithThePinFromTheEnvironment() throws Exception {
        variables.put(AdminCommand.PIN_VARIABLE, AdminNode.MANAGER_PIN);

        Run list = admin("resources", "list", "product");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).startsWith("product: version 2, 2 items").containsPattern("cola +\\d +Cola +\\{\"price\":300\\}");

        Run created = admin("resources", "put", "product", "tea", "--data", "{\"name\": \"Tea\", \"price\": 180}",
                "--operator", "mgr_01");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo(lines("product tea created, version 3"));

        Path patch = Files.writeString(dir.resolve("tea.json"), "{\"price\": 190}");
        Run updated = admin("resources", "put", "product", "tea", "--data", "@" + patch, "--expected-version", "3",
                "--operator", "mgr_01");
        assertThat(updated.out()).isEqualTo(lines("product tea updated, version 4"));

        Run stale = admin("resources", "put", "product", "tea", "--data", "{\"price\": 200}", "--expected-version", "3",
                "--operator", "mgr_01", "--json");
        assertThat(stale.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(stale.json().getJsonObject("error").getString("code")).isEqualTo("VERSION_CONFLICT");

        Run unnamed = admin("resources", "put", "tag", "--data", "{\"name\": \"Vegan\"}", "--operator", "mgr_01",
                "--json");
        assertThat(unnamed.json().getString("id")).isNotBlank();

        Run deleted = admin("resources", "delete", "product", "tea", "--operator", "mgr_01");
        assertThat(deleted.out()).isEqualTo(lines("product tea deleted, version 5"));
        JsonObject items = admin("resources", "list", "product", "--json").json();
        assertThat(items.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id"))).containsExactly(
                "cola", "espresso");
        assertThat(String.join("", created.out(), updated.out(), stale.out(), deleted.out(), created.err(),
                updated.err(), stale.err())).doesNotContain(AdminNode.MANAGER_PIN);
    }

    @Test
    void thePinIsAskedForWhenTheEnvironmentHasNoneAndRefusedWhenWrong() {
        typedSecrets.add("0000");
        Run wrong = admin("resources", "delete", "product", "cola", "--operator", "mgr_01");
        assertThat(wrong.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(wrong.err()).contains("AUTHORIZATION_FAILED");

        Run noPin = admin("resources", "delete", "product", "cola", "--operator", "mgr_01");
        assertThat(noPin.exit()).isEqualTo(AdminCommand.USAGE);
        assertThat(noPin.err()).contains("the PIN of --operator mgr_01: set REDCORAL_OPERATOR_PIN or type it when asked");

        typedSecrets.add(AdminNode.MANAGER_PIN);
        Run inUse = admin("resources", "delete", "zone", "hall", "--operator", "mgr_01");
        assertThat(inUse.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(inUse.err()).contains("RESOURCE_IN_USE");
    }

    // ------------------------------------------------------------------------ verify, backup

    @Test
    void verifyChecksTheLiveStore() {
        node.orderWithColas("T1", 3);

        Run run = admin("verify");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith(lines("sequence   2", "events     2", "orders     1"))
                .endsWith(lines("OK: chain intact, snapshots equal replay"));
        JsonObject json = admin("verify", "--json").json();
        assertThat(json.getBoolean("ok")).isTrue();
        assertThat(json.getLong("head_sequence")).isEqualTo(2);
    }

    @Test
    void aBackupWhileOrdersAreWrittenRestoresIntoANewFolderThatChecksOutAtTheSameSequence() throws Exception {
        for (int i = 0; i < 10; i++) {
            node.orderWithColas(null, 1);
        }
        Path backup = dir.resolve("backups/monday");
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread till = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                node.orderWithColas(null, 2);
            }
        });
        Run run;
        try {
            run = admin("backup", backup.toString(), "--json");
        } finally {
            writing.set(false);
            till.join();
        }
        assertThat(run.exit()).as(run.err()).isZero();
        JsonObject copied = run.json();
        long sequence = copied.getLong("head_sequence");
        assertThat(sequence).isGreaterThanOrEqualTo(20);
        assertThat(run.err().lines().toList()).isNotEmpty()
                .allSatisfy(line -> assertThat(new JsonObject(line).getString("folder")).isEqualTo(backup.toString()))
                .last().satisfies(line -> assertThat(new JsonObject(line).getString("state")).isEqualTo("done"));

        Path restored = dir.resolve("restored/data");
        Run restore = admin("restore", "--from", backup.toString(), "--data-dir", restored.toString());

        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).startsWith(lines("restored   " + backup + " into " + restored))
                .contains("sequence   " + AdminText.count(sequence))
                .endsWith(lines("OK: chain intact, snapshots equal replay"));
        assertThat(restore.err()).contains("copy: 100%").contains("verify: 100%");
        try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(restored)) {
            assertThat(store.head().sequence()).isEqualTo(sequence);
        }
    }

    @Test
    void aBackupPrintsItsProgressAndRefusesAFolderItCannotUse() throws Exception {
        node.orderWithColas("T1", 1);
        Path backup = dir.resolve("tuesday");

        Run run = admin("backup", backup.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith(lines("backup     " + backup, "sequence   2")).contains("files      ");
        assertThat(run.err().lines().toList()).last().asString().matches("copy: 100% (\\d+)/\\1 files, .*");

        Run again = admin("backup", backup.toString());
        assertThat(again.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(again.err()).contains("INVALID_REQUEST: folder: " + backup + " is not empty");
        Run relative = admin("backup", "relative/folder");
        assertThat(relative.err()).contains("INVALID_REQUEST: folder: must be an absolute path");
    }

    @Test
    void restoreRefusesAFolderInUseOrNotEmptyAndReportsABackupThatDoesNotCheckOut() throws Exception {
        node.orderWithColas("T1", 1);
        Path backup = dir.resolve("backup");
        assertThat(admin("backup", backup.toString()).exit()).isZero();

        Run inUse = admin("restore", "--from", backup.toString(), "--data-dir", node.dataDir.toString());
        assertThat(inUse.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(inUse.err()).isEqualTo(lines("admin restore: --data-dir: " + node.dataDir + " is in use by a "
                + "running node (RocksDB's lock is held): stop the node, and restore into an empty or absent folder"));

        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        Run notEmpty = admin("restore", "--from", backup.toString(), "--data-dir", full.toString());
        assertThat(notEmpty.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(notEmpty.err()).contains("is not empty");

        tamperWithEvent(backup, 2);
        Run damaged = admin("restore", "--from", backup.toString(), "--data-dir", dir.resolve("damaged").toString());
        assertThat(damaged.exit()).isEqualTo(AdminCommand.PROBLEMS);
        assertThat(damaged.out()).contains("FAILED: 1 problem").contains("hash chain broken at sequence 2");
    }

    // ------------------------------------------------------------------------ credentials

    @Test
    void tokensAreIssuedListedAndRevoked() {
        Run issued = admin("tokens", "issue", "--name", "kds-1", "--role", "kitchen", "--destination", "kitchen",
                "--json");
        assertThat(issued.exit()).as(issued.err()).isZero();
        JsonObject token = issued.json();
        assertThat(token.getString("token")).startsWith("rct_");
        assertThat(token.getString("issued_by")).isEqualTo(LOOPBACK);
        Run human = admin("tokens", "issue", "--name", "till-2", "--role", "terminal");
        assertThat(human.out()).startsWith("token      rct_").contains("shown only this once")
                .contains("name       till-2").contains("role       terminal")
                .containsPattern("issued     " + TIME + " by " + Pattern.quote(LOOPBACK) + System.lineSeparator());

        Run list = admin("tokens", "list");
        assertThat(list.out()).contains("kds-1").contains("kitchen").contains("till-2")
                .containsPattern("till-2 +terminal +- +" + TIME + " +" + Pattern.quote(LOOPBACK))
                .endsWith(lines("2 tokens, 2 in force")).doesNotContain(token.getString("token"));

        Run revoked = admin("tokens", "revoke", token.getString("token_id"));
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).matches("token " + token.getString("token_id") + " \\(kds-1\\) revoked " + TIME
                + " by " + Pattern.quote(LOOPBACK) + System.lineSeparator());
        assertThat(admin("tokens", "list").out()).endsWith(lines("2 tokens, 1 in force"));
        assertThat(admin("tokens", "list", "--json").json().getJsonArray("tokens").getJsonObject(0)
                .getString("revoked_by")).isEqualTo(LOOPBACK);

        Run unknown = admin("tokens", "revoke", "t_nothing");
        assertThat(unknown.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(unknown.err()).contains("TOKEN_NOT_FOUND");
        Run badRole = admin("tokens", "issue", "--name", "x", "--role", "boss");
        assertThat(badRole.err()).contains("INVALID_REQUEST: role: must be one of terminal, kitchen, admin");
    }

    @Test
    void certificatesAreRevokedAndListed() {
        Run revoked = admin("certificates", "revoke", "1F:A0:33", "--reason", "till stolen");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).matches("certificate 1fa033 revoked " + TIME + " by " + Pattern.quote(LOOPBACK)
                + " \\(\"till stolen\"\\)" + System.lineSeparator());

        Run list = admin("certificates", "list");
        assertThat(list.out()).containsPattern("1fa033 +" + TIME + " +" + Pattern.quote(LOOPBACK) + " +till stolen")
                .endsWith(lines("1 revoked certificate"));
        assertThat(admin("certificates", "list", "--json").json().getJsonArray("certificates")).singleElement()
                .satisfies(c -> assertThat(((JsonObject) c).getString("revoked_by")).isEqualTo(LOOPBACK));
    }

    // ------------------------------------------------------------------------- exit codes

    @Test
    void usageErrorsAndAnUnreachableNodeHaveTheirOwnExitCodes() throws Exception {
        Run missing = admin("orders", "show");
        assertThat(missing.exit()).isEqualTo(AdminCommand.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'ID'");

        Run caWithoutTls = admin("verify", "--ca", dir.resolve("ca.pem").toString());
        assertThat(caWithoutTls.exit()).isEqualTo(AdminCommand.USAGE);
        assertThat(caWithoutTls.err()).contains("--ca and --cert need an https:// --url");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run unreachable = run("admin", "status", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(unreachable.exit()).isEqualTo(AdminCommand.UNREACHABLE);
        assertThat(unreachable.err()).startsWith("admin status: cannot reach the node at http://127.0.0.1:" + closedPort);
    }

    // ---------------------------------------------------------------------------- helpers

    /** Runs {@code admin ARGS --url NODE} (restore takes no --url). */
    private Run admin(String... args) {
        List<String> line = new ArrayList<>(List.of("admin"));
        line.addAll(List.of(args));
        if (!args[0].equals("restore") && !List.of(args).contains("--url")) {
            line.addAll(List.of("--url", node.url()));
        }
        return run(line.toArray(String[]::new));
    }

    private Run run(String... args) {
        return cli.run(args);
    }

    /** Rewrites one stored event's operator name with plain RocksDB, as in VerifyCommandTest. */
    private static void tamperWithEvent(Path store, long sequence) throws Exception {
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        try (Options listing = new Options()) {
            RocksDB.listColumnFamilies(listing, store.toString()).forEach(name -> families.add(new ColumnFamilyDescriptor(name)));
        }
        int events = families.stream().map(f -> new String(f.getName(), StandardCharsets.US_ASCII)).toList()
                .indexOf("events");
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, store.toString(), families, handles)) {
            byte[] key = java.nio.ByteBuffer.allocate(8).putLong(sequence).array();
            String text = new String(db.get(handles.get(events), key), StandardCharsets.UTF_8)
                    .replace("\"operator_name\":\"", "\"operator_name\":\"X");
            db.put(handles.get(events), key, text.getBytes(StandardCharsets.UTF_8));
            handles.forEach(ColumnFamilyHandle::close);
        }
    }
}
