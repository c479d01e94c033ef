package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
import picocli.CommandLine;

/**
 * Every {@code admin} command end to end: picocli in this JVM, stdout and stderr captured, against a real
 * node's loopback bridge — what it prints, what it prints with {@code --json}, and its exit code, refusals
 * included.
 */
@Timeout(120)
class AdminCliTest {

    @TempDir
    Path dir;
    private AdminNode node;
    private final Map<String, String> variables = new HashMap<>();
    private final List<String> typedSecrets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        node = new AdminNode(dir.resolve("node"));
    }

    @AfterEach
    void close() {
        node.close();
    }

    /** What one run of the command printed, and its exit code. */
    record Run(int exit, String out, String err) {
        JsonObject json() {
            return new JsonObject(out.strip());
        }
    }

    // --------------------------------------------------------------------------------- status

    /**
     * The whole status. {@code pos.auth.identity} and {@code pos.admin.connections} come with the network
     * listener; where the node has no handler yet, the test stands in with the contract's replies, so the
     * same assertions hold once the node answers them itself.
     */
    @Test
    void statusShowsTheCallerTheNodeTheActiveOrdersAndTheTerminals() {
        node.orderWithColas("T1", 2);
        node.orderWithColas(null, 1);
        standIn(Addresses.AUTH_IDENTITY, new JsonObject().put("success", true).put("name", "loopback")
                .put("role", "admin").put("destination_id", null).put("source", "loopback"));
        standIn(Addresses.ADMIN_CONNECTIONS, new JsonObject().put("success", true).put("connections", new JsonArray()
                .add(new JsonObject().put("name", "loopback").put("role", "admin").put("destination_id", null)
                        .put("source", "loopback").put("credential", null).put("listener", "loopback")
                        .put("remote_address", "127.0.0.1:50312").put("connected_at", 1_737_270_000_000L))));

        Run run = admin("status");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).startsWith(
                "caller     loopback (admin, loopback)",
                "node       primary, serving, sequence 4",
                "orders     2 active",
                "terminals  1 connected");
        assertThat(run.out().lines().toList().get(4)).startsWith("  loopback (admin, loopback) on loopback from 127.0.0.1:");
        assertThat(run.err()).isEmpty();

        JsonObject json = admin("status", "--json").json();
        assertThat(json.getJsonObject("identity").getString("role")).isEqualTo("admin");
        assertThat(json.getJsonObject("node").getLong("server_sequence")).isEqualTo(4);
        assertThat(json.getInteger("active_orders")).isEqualTo(2);
        assertThat(json.getJsonObject("connections").getJsonArray("connections")).hasSize(1);
    }

    /** A node of an earlier build has no pos.auth.identity nor pos.admin.connections: status says so. */
    @Test
    void statusSaysWhatTheNodeDoesNotKnow() {
        assumeTrue(noHandler(Addresses.AUTH_IDENTITY) && noHandler(Addresses.ADMIN_CONNECTIONS),
                "this node answers pos.auth.identity and pos.admin.connections");

        Run run = admin("status");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(lines(
                "caller     not known to this node (it has no pos.auth.identity)",
                "node       primary, serving, sequence 0",
                "orders     0 active",
                "terminals  not known to this node (it has no pos.admin.connections)"));
        JsonObject json = admin("status", "--json").json();
        assertThat(json.getValue("identity")).isNull();
        assertThat(json.getValue("connections")).isNull();
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
        Run human = admin("tokens", "issue", "--name", "till-2", "--role", "terminal");
        assertThat(human.out()).startsWith("token      rct_").contains("shown only this once")
                .contains("name       till-2").contains("role       terminal").contains("issued     ");

        Run list = admin("tokens", "list");
        assertThat(list.out()).contains("kds-1").contains("kitchen").contains("till-2")
                .endsWith(lines("2 tokens, 2 in force")).doesNotContain(token.getString("token"));

        Run revoked = admin("tokens", "revoke", token.getString("token_id"));
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).startsWith("token " + token.getString("token_id") + " (kds-1) revoked ");
        assertThat(admin("tokens", "list").out()).endsWith(lines("2 tokens, 1 in force"));

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
        assertThat(revoked.out()).startsWith("certificate 1fa033 revoked ").endsWith(" (\"till stolen\")"
                + System.lineSeparator());

        Run list = admin("certificates", "list");
        assertThat(list.out()).contains("1fa033").contains("till stolen").endsWith(lines("1 revoked certificate"));
        assertThat(admin("certificates", "list", "--json").json().getJsonArray("certificates")).hasSize(1);
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        ((AdminCommand) line.getSubcommands().get("admin").getCommand()).environment = new AdminCommand.Environment() {
            @Override
            public String variable(String name) {
                return variables.get(name);
            }

            @Override
            public String secret(String prompt) {
                return typedSecrets.isEmpty() ? null : typedSecrets.removeFirst();
            }
        };
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Answers {@code address} on the node's bus with {@code reply} when nothing on the node does yet. */
    private void standIn(String address, JsonObject reply) {
        if (noHandler(address)) {
            MessageConsumer<JsonObject> consumer = node.vertx.eventBus().consumer(address, m -> m.reply(reply));
            consumer.completion().await();
        }
    }

    private boolean noHandler(String address) {
        try {
            node.vertx.eventBus().request(address, new JsonObject()).await();
            return false;
        } catch (ReplyException e) {
            return e.failureType() == ReplyFailure.NO_HANDLERS;
        }
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
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
