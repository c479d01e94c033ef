package com.redcoral.edge.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The credentials in memory, for tests of what is built on a {@link CredentialStore}. */
final class InMemoryCredentialStore implements CredentialStore {

    final Map<String, TerminalToken> tokens = new LinkedHashMap<>();
    final Map<String, RevokedCertificate> certificates = new LinkedHashMap<>();
    int writes;

    @Override
    public synchronized List<TerminalToken> tokens() {
        return new ArrayList<>(tokens.values());
    }

    @Override
    public synchronized List<RevokedCertificate> revokedCertificates() {
        return new ArrayList<>(certificates.values());
    }

    @Override
    public synchronized void put(TerminalToken token) {
        writes++;
        tokens.put(token.tokenId(), token);
    }

    @Override
    public synchronized void put(RevokedCertificate certificate) {
        writes++;
        certificates.put(certificate.serial(), certificate);
    }
}
