package com.redcoral.edge.access;

import java.util.List;

/**
 * Where terminal tokens and revoked certificates are kept. Each {@code put} is durable when it returns
 * (a revocation must survive a crash); a later put of the same token id or serial replaces it.
 */
public interface CredentialStore {

    List<TerminalToken> tokens();

    List<RevokedCertificate> revokedCertificates();

    void put(TerminalToken token);

    void put(RevokedCertificate certificate);
}
