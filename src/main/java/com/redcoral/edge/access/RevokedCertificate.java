package com.redcoral.edge.access;

/**
 * A terminal certificate of the store CA that no longer lets its terminal in, however long it is valid.
 *
 * @param serial the certificate's serial number, lower-case hex without leading zeros
 * @param reason why, as the admin gave it (may be empty)
 */
public record RevokedCertificate(String serial, long revokedAt, String revokedBy, String reason) {}
