package com.redcoral.edge.access;

import java.util.Optional;

/**
 * What the listener asks before it lets a terminal in: whether a presented terminal token is one an
 * admin issued and has not revoked, and whether a certificate (signed by the store CA, checked by the
 * TLS handshake) has been revoked since. Implementations answer from the node's store and may be called
 * from any thread.
 */
public interface Credentials {

    /** The identity of an issued, unrevoked token; empty for anything else (unknown, malformed, revoked). */
    Optional<Identity> token(String presented);

    /** Whether the store CA's certificate with this serial number (lower-case hex) has been revoked. */
    boolean certificateRevoked(String serialHex);
}
