package com.redcoral.edge.node;

import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.Rejection;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.resource.PinHash;
import com.redcoral.edge.resource.ResourceBook;
import com.redcoral.edge.resource.ResourceCommand;
import com.redcoral.edge.resource.ResourceDecider;
import com.redcoral.edge.resource.ResourceDecision;
import com.redcoral.edge.resource.ResourceItem;
import com.redcoral.edge.resource.ResourceState;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import com.redcoral.edge.wire.ResourceCommandReader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Static resources on the bus (PROTOCOL.md §3): answers {@code pos.resources.status}, {@code list} and
 * {@code changes} from the {@link ResourceBook}, and carries out {@code pos.resources.command}: check
 * the operator's PIN, decide, write, and only then publish the ResourceSync and answer.
 *
 * <p>A worker verticle, so writes (one synced RocksDB write each) happen on its one thread, in order,
 * and versions follow each other without gaps. The slow part — the operator's PIN and the hashing of
 * a new one, ~0.1 s each — runs on the node's PIN workers, so reads are never held up by it; the
 * decision is made afterwards, against the resources as they are then.
 */
final class ResourceVerticle extends VerticleBase {

    private static final DeliveryOptions SHARED = new DeliveryOptions().setCodecName(SharedJsonCodec.NAME);
    private static final System.Logger LOG = System.getLogger(ResourceVerticle.class.getName());

    private final ResourceBook book;
    private final String epoch;
    private final Clock clock;
    private WorkerExecutor pinWorkers;
    private boolean failed;

    /** @param epoch this run's epoch: new at every start, so terminals know to reload */
    ResourceVerticle(ResourceBook book, String epoch, Clock clock) {
        this.book = book;
        this.epoch = epoch;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        pinWorkers = EdgeNode.pinWorkers(vertx);
        var bus = vertx.eventBus();
        return Future.all(List.of(
                bus.<Object>consumer(Addresses.RESOURCES_STATUS, m -> m.reply(status())).completion(),
                bus.<Object>consumer(Addresses.RESOURCES_LIST, this::list).completion(),
                bus.<Object>consumer(Addresses.RESOURCES_CHANGES, this::changes).completion(),
                bus.<Object>consumer(Addresses.RESOURCES_COMMAND, this::command).completion()));
    }

    @Override
    public Future<?> stop() {
        return pinWorkers.close();
    }

    private JsonObject status() {
        JsonObject versions = new JsonObject();
        book.state().versions().forEach((type, version) -> versions.put(type.wireName(), version.value()));
        return new JsonObject().put("epoch", epoch).put("versions", versions);
    }

    private void list(Message<Object> message) {
        Request request = Request.of(message);
        ResourceType type;
        try {
            type = type(request);
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        ResourceState state = book.state(); // one state: the version belongs to exactly these items
        JsonArray items = new JsonArray();
        state.items(type).forEach(item -> items.add(WireJson.of(item.toJson())));
        message.reply(new JsonObject().put("resource", type.wireName()).put("version", state.version(type).value())
                .put("items", items));
    }

    private void changes(Message<Object> message) {
        Request request = Request.of(message);
        ResourceType type;
        ResourceVersion since;
        try {
            type = type(request);
            since = ResourceVersion.of(request.sequence("since_version", true));
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        ResourceVersion version = book.state().version(type); // this thread is the only writer: changes agree
        ResourceStore.Changes changes = book.changes(type, since);
        JsonArray entries = new JsonArray();
        changes.entries().forEach(entry -> entries.add(WireJson.of(entry)));
        message.reply(new JsonObject().put("resource", type.wireName()).put("version", version.value())
                .put("changes", entries).put("requires_full_sync", !changes.complete()));
    }

    private static ResourceType type(Request request) {
        String name = request.text("resource");
        return ResourceType.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "resource: unknown type \"" + name + "\"; the types are " + ResourceType.wireNames()));
    }

    private void command(Message<Object> message) {
        ResourceCommand command;
        try {
            if (!(message.body() instanceof JsonObject json)) {
                throw new InvalidField("body", "must be a JSON object");
            }
            command = ResourceCommandReader.read(json.encode());
        } catch (InvalidField e) {
            message.reply(refused(null, new Rejection(ErrorCode.INVALID_COMMAND, e.getMessage())));
            return;
        }
        if (book.directory().employee(command.operatorId()).isEmpty()) {
            message.reply(refused(command, new Rejection(ErrorCode.UNKNOWN_OPERATOR,
                    "operator_id " + command.operatorId() + " is not an active employee")));
            return;
        }
        // The PIN checks take ~0.1 s each: off this thread, so reads and other writes go on meanwhile.
        pinWorkers.executeBlocking(() -> checkPins(command), false)
                .onSuccess(checked -> message.reply(decide(command, checked)))
                .onFailure(fault -> {
                    LOG.log(System.Logger.Level.ERROR, "checking the PINs of " + command + " failed", fault);
                    message.fail(500, "the node could not check this command: " + fault);
                });
    }

    /** The operator's PIN check and, once it passed, the hash of the employee PIN the command sets. */
    private record Checked(PinGuard.Result operator, String newPinHash) {}

    private Checked checkPins(ResourceCommand command) {
        PinGuard.Result operator = book.directory().verifyPin(command.operatorId(), command.operatorPin());
        boolean hash = operator instanceof PinGuard.Result.Verified && command.newPin() != null;
        return new Checked(operator, hash ? PinHash.hash(command.newPin()) : null);
    }

    private JsonObject decide(ResourceCommand command, Checked checked) {
        return switch (checked.operator()) {
            case PinGuard.Result.Refused refused -> refused(command, new Rejection(ErrorCode.AUTHORIZATION_FAILED,
                    "operator_pin is not the PIN of " + command.operatorId()));
            case PinGuard.Result.Throttled throttled -> refused(command,
                    new Rejection(ErrorCode.AUTHORIZATION_THROTTLED, throttled.message(command.operatorId())));
            case PinGuard.Result.Verified verified -> {
                if (failed) {
                    yield refused(command, storageUnavailable());
                }
                ResourceDecision decision;
                try {
                    decision = book.change(command, verified.actor(), new ResourceDecider.Context(clock.millis(),
                            UUID.randomUUID().toString(), checked.newPinHash()));
                } catch (RuntimeException e) {
                    // Memory follows the disk only after a write succeeded, but a disk that failed once is not trusted.
                    LOG.log(System.Logger.Level.ERROR, "writing " + command + " failed; resources take no more changes "
                            + "until the node is restarted", e);
                    failed = true;
                    yield refused(command, storageUnavailable());
                }
                yield switch (decision) {
                    case ResourceDecision.Rejected rejected -> refused(command, rejected.rejection());
                    case ResourceDecision.Accepted accepted -> {
                        vertx.eventBus().publish(Addresses.RESOURCES_SYNC, WireJson.of(accepted.change().syncJson()),
                                SHARED);
                        ResourceItem changed = accepted.change().after() != null ? accepted.change().after()
                                : accepted.change().before();
                        yield response(command).put("success", true).put("id", changed.id())
                                .put("version", accepted.change().version().value()).putNull("error");
                    }
                };
            }
        };
    }

    private static Rejection storageUnavailable() {
        return new Rejection(ErrorCode.STORAGE_UNAVAILABLE,
                "the node cannot write to its disk and takes no resource changes until it is restarted");
    }

    /** ResourceResponse {@code {success, id, version, error}}, plus the resource and action it answers. */
    private static JsonObject response(ResourceCommand command) {
        JsonObject response = new JsonObject();
        if (command != null) {
            response.put("resource", command.type().wireName()).put("action", command.action().wireName());
        }
        return response;
    }

    private static JsonObject refused(ResourceCommand command, Rejection rejection) {
        return response(command).put("success", false).put("id", command == null ? null : command.id())
                .putNull("version").put("error", new JsonObject().put("code", rejection.code().name())
                        .put("message", rejection.message()));
    }
}
