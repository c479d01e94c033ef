package com.redcoral.edge.access;

import java.util.Objects;

/**
 * A terminal token as the store keeps it: who it lets in (name, role, destination), who issued it and
 * when, and whether it has been revoked. The secret itself is never kept, only its SHA-256
 * ({@code secretHash}); the token string is shown once, when it is issued.
 *
 * @param destinationId the print destination of a kitchen token; null for the other roles
 * @param revokedAt     when it was revoked (epoch ms), null while it works
 */
public record TerminalToken(String tokenId, String name, Role role, String destinationId, String secretHash,
                            long issuedAt, String issuedBy, Long revokedAt, String revokedBy) {

    public TerminalToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(issuedBy, "issuedBy");
        new Identity(name, role, destinationId, Identity.Source.TOKEN, tokenId); // the same rules as an identity
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Who a connection presenting this token is. */
    public Identity identity() {
        return new Identity(name, role, destinationId, Identity.Source.TOKEN, tokenId);
    }

    TerminalToken revoke(String by, long at) {
        return new TerminalToken(tokenId, name, role, destinationId, secretHash, issuedAt, issuedBy, at, by);
    }
}
