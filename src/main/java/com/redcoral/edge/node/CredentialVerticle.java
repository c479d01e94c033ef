package com.redcoral.edge.node;

import com.redcoral.edge.access.CredentialBook;
import com.redcoral.edge.access.Identity;
import com.redcoral.edge.access.RevokedCertificate;
import com.redcoral.edge.access.Role;
import com.redcoral.edge.access.TerminalToken;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Refusal;
import com.redcoral.edge.resource.ResourceBook;
import com.redcoral.edge.resource.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Terminal tokens and revoked certificates on the bus: {@code pos.admin.tokens.issue|revoke|list} and
 * {@code pos.admin.certificates.revoke|list}. Only admin connections reach these addresses through the
 * bridge; who asked is the identity the listener put in the {@value #IDENTITY_HEADER} header (absent:
 * a caller inside the node's JVM). A revocation is written before it is answered, then published in
 * the JVM on {@code edge.credentials.revoked} so the listener closes the connections that held it.
 *
 * <p>A worker verticle: each change is one synced write on its one thread.
 */
final class CredentialVerticle extends VerticleBase {

    /** The header where the listener names a bridge socket's identity; never taken from the client. */
    static final String IDENTITY_HEADER = "redcoral-identity";
    private static final System.Logger LOG = System.getLogger(CredentialVerticle.class.getName());

    private final CredentialBook book;
    private final ResourceBook resources;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CredentialVerticle(CredentialBook book, ResourceBook resources, Clock clock) {
        this.book = book;
        this.resources = resources;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(List.of(
                bus.<Object>consumer(Addresses.TOKENS_ISSUE, m -> answer(m, this::issue)).completion(),
                bus.<Object>consumer(Addresses.TOKENS_REVOKE, m -> answer(m, this::revoke)).completion(),
                bus.<Object>consumer(Addresses.TOKENS_LIST, m -> answer(m, r -> tokens())).completion(),
                bus.<Object>consumer(Addresses.CERTIFICATES_REVOKE, m -> answer(m, this::revokeCertificate))
                        .completion(),
                bus.<Object>consumer(Addresses.CERTIFICATES_LIST, m -> answer(m, r -> certificates())).completion()));
    }

    /**
     * Answers with {@code handler}'s reply: INVALID_REQUEST for bad input, the refusal's code, or
     * STORAGE_UNAVAILABLE when a write fails.
     */
    private static void answer(Message<Object> message, Function<Request, JsonObject> handler) {
        Request request = Request.of(message);
        try {
            message.reply(handler.apply(request).put("success", true));
        } catch (IllegalArgumentException e) {
            request.invalid(e);
        } catch (Refusal e) {
            message.reply(WireJson.error(e.rejection().code().name(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a credential change failed", e);
            message.reply(WireJson.error("STORAGE_UNAVAILABLE", "the change could not be stored: " + e.getMessage()));
        }
    }

    private JsonObject issue(Request request) {
        Role role = Role.parse(request.text("role"));
        String destination = request.optionalText("destination_id");
        if (destination != null && resources.state().item(ResourceType.PRINT_DESTINATION, destination).isEmpty()) {
            throw new IllegalArgumentException("destination_id: there is no print destination " + destination);
        }
        CredentialBook.Issued issued = book.issue(request.text("name"), role, destination, caller(request),
                clock.millis(), random);
        LOG.log(System.Logger.Level.INFO, "Issued the terminal token " + issued.token().tokenId() + " for "
                + issued.token().identity() + ", asked by " + issued.token().issuedBy());
        return token(issued.token()).put("token", issued.secret());
    }

    private JsonObject revoke(Request request) {
        String tokenId = request.text("token_id");
        TerminalToken token = book.revoke(tokenId, caller(request), clock.millis())
                .orElseThrow(() -> new Refusal(ErrorCode.TOKEN_NOT_FOUND, "no token " + tokenId + " was issued"));
        LOG.log(System.Logger.Level.INFO, "Revoked the terminal token " + tokenId + " (" + token.name() + "), asked by "
                + token.revokedBy());
        vertx.eventBus().publish(Addresses.CREDENTIALS_REVOKED, new JsonObject().put("token_id", tokenId));
        return token(token);
    }

    private JsonObject revokeCertificate(Request request) {
        RevokedCertificate revoked = book.revokeCertificate(request.text("serial"),
                request.optionalText("reason"), caller(request), clock.millis());
        LOG.log(System.Logger.Level.INFO, "Revoked the certificate " + revoked.serial() + ", asked by "
                + revoked.revokedBy());
        vertx.eventBus().publish(Addresses.CREDENTIALS_REVOKED, new JsonObject().put("serial", revoked.serial()));
        return certificate(revoked);
    }

    private JsonObject tokens() {
        JsonArray list = new JsonArray();
        book.tokens().forEach(t -> list.add(token(t)));
        return new JsonObject().put("tokens", list);
    }

    private JsonObject certificates() {
        JsonArray list = new JsonArray();
        book.revokedCertificates().forEach(c -> list.add(certificate(c)));
        return new JsonObject().put("certificates", list);
    }

    /** A token on the wire: everything but its secret and the secret's hash. */
    private static JsonObject token(TerminalToken t) {
        return new JsonObject().put("token_id", t.tokenId()).put("name", t.name()).put("role", t.role().wireName())
                .put("destination_id", t.destinationId()).put("issued_at", t.issuedAt()).put("issued_by", t.issuedBy())
                .put("revoked_at", t.revokedAt()).put("revoked_by", t.revokedBy());
    }

    private static JsonObject certificate(RevokedCertificate c) {
        return new JsonObject().put("serial", c.serial()).put("revoked_at", c.revokedAt())
                .put("revoked_by", c.revokedBy()).put("reason", c.reason());
    }

    /** Who asked: the identity the listener named in the header, or {@code in-process} for a caller in the JVM. */
    static String caller(Request request) {
        String identity = request.message().headers().get(IDENTITY_HEADER);
        return identity == null ? Identity.IN_PROCESS.name() : identity;
    }
}
