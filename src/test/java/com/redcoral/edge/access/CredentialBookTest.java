package com.redcoral.edge.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CredentialBookTest {

    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final CredentialBook book = new CredentialBook(store);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void anIssuedTokenLetsItsTerminalInWithTheRoleItWasGiven() {
        CredentialBook.Issued issued = book.issue("till-2", Role.TERMINAL, null, "admin-laptop", 1_000, random);

        assertThat(issued.secret()).matches("rct_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")
                .startsWith("rct_" + issued.token().tokenId() + "_");
        assertThat(book.token(issued.secret())).contains(
                new Identity("till-2", Role.TERMINAL, null, Identity.Source.TOKEN, issued.token().tokenId()));
        assertThat(issued.token().issuedBy()).isEqualTo("admin-laptop");
        assertThat(issued.token().issuedAt()).isEqualTo(1_000);
        assertThat(issued.toString()).contains(issued.token().tokenId()).doesNotContain(issued.secret());
    }

    @Test
    void theStoreKeepsOnlyTheSecretsHash() {
        CredentialBook.Issued issued = book.issue("till-2", Role.TERMINAL, null, "admin", 1, random);

        TerminalToken kept = store.tokens.get(issued.token().tokenId());
        assertThat(kept.secretHash()).matches("[0-9a-f]{64}").doesNotContain(issued.secret().substring(21));
        assertThat(kept.toString()).doesNotContain(issued.secret());
    }

    @Test
    void aKitchenTokenNamesItsDestinationAndOnlyAKitchenTokenHasOne() {
        CredentialBook.Issued kitchen = book.issue("grill screen", Role.KITCHEN, "grill", "admin", 1, random);
        assertThat(book.token(kitchen.secret())).get().extracting(Identity::destination).isEqualTo("grill");

        assertThatThrownBy(() -> book.issue("grill", Role.KITCHEN, null, "admin", 1, random))
                .hasMessageStartingWith("destination_id: a kitchen token needs");
        assertThatThrownBy(() -> book.issue("till", Role.TERMINAL, "grill", "admin", 1, random))
                .hasMessageStartingWith("destination_id: only a kitchen token");
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void aNameMustBeShortAndPlain() {
        for (String bad : new String[] {null, "", " till", "till\n2", "x".repeat(65), "till<script>"}) {
            assertThatThrownBy(() -> book.issue(bad, Role.TERMINAL, null, "admin", 1, random))
                    .as("%s", bad).hasMessageStartingWith("name: ");
        }
        assertThat(store.writes).isZero();
    }

    @Test
    void anythingButAnIssuedUnrevokedTokenIsRefused() {
        CredentialBook.Issued issued = book.issue("till-2", Role.TERMINAL, null, "admin", 1, random);
        String secret = issued.secret();
        char last = secret.charAt(secret.length() - 1);
        String tampered = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
        String unknownId = "rct_0000000000000000" + secret.substring(20);

        for (String presented : new String[] {null, "", "garbage", tampered, unknownId, secret + "x", " " + secret}) {
            assertThat(book.token(presented)).as("%s", presented).isEmpty();
        }
    }

    @Test
    void aRevokedTokenStopsWorkingAndRevokingAgainKeepsTheFirstRecord() {
        CredentialBook.Issued issued = book.issue("till-2", Role.TERMINAL, null, "admin", 1, random);
        String id = issued.token().tokenId();

        assertThat(book.revoke(id, "manager laptop", 50)).get()
                .satisfies(t -> assertThat(t.revokedAt()).isEqualTo(50L))
                .satisfies(t -> assertThat(t.revokedBy()).isEqualTo("manager laptop"));
        assertThat(book.token(issued.secret())).isEmpty();
        assertThat(book.revoke(id, "someone else", 90)).get().extracting(TerminalToken::revokedAt).isEqualTo(50L);
        assertThat(book.revoke("0123456789abcdef", "admin", 90)).isEmpty();
        assertThat(store.writes).isEqualTo(2);
    }

    @Test
    void tokensAndRevocationsSurviveAReload() {
        CredentialBook.Issued kept = book.issue("till-1", Role.TERMINAL, null, "admin", 1, random);
        CredentialBook.Issued gone = book.issue("till-2", Role.ADMIN, null, "admin", 2, random);
        book.revoke(gone.token().tokenId(), "admin", 3);
        book.revokeCertificate("0A:1B", "lost", "admin", 4);

        CredentialBook reloaded = new CredentialBook(store);
        assertThat(reloaded.token(kept.secret())).isPresent();
        assertThat(reloaded.token(gone.secret())).isEmpty();
        assertThat(reloaded.certificateRevoked("a1b")).isTrue();
        assertThat(reloaded.tokens()).extracting(TerminalToken::name).containsExactly("till-1", "till-2");
    }

    @Test
    void aCertificateSerialIsKeptInOneForm() {
        RevokedCertificate revoked = book.revokeCertificate("00:0A:FF", "stolen", "admin", 10);

        assertThat(revoked.serial()).isEqualTo("aff");
        assertThat(book.certificateRevoked("0aff")).isTrue();
        assertThat(book.certificateRevoked("AFF")).isTrue();
        assertThat(book.certificateRevoked("abc")).isFalse();
        assertThat(book.revokeCertificate("aff", "again", "other", 20)).isEqualTo(revoked);
        assertThatThrownBy(() -> book.revokeCertificate("xyz", null, "admin", 1)).hasMessageStartingWith("serial: ");
        assertThatThrownBy(() -> book.revokeCertificate("1".repeat(41), null, "admin", 1))
                .hasMessageStartingWith("serial: ");
        assertThat(store.writes).isEqualTo(1);
    }
}
