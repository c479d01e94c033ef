package com.redcoral.edge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How an identity reads in log lines and the identity header, and the name read back from that. */
class IdentityTest {

    @Test
    void itReadsAsNameRoleAndHowTheNodeKnowsIt() {
        assertThat(new Identity("grill", Role.KITCHEN, "kitchen", Identity.Source.CERTIFICATE, "5a1f03c2").toString())
                .isEqualTo("grill (kitchen of kitchen, certificate 5a1f03c2)");
        assertThat(new Identity("till-2", Role.TERMINAL, null, Identity.Source.TOKEN, "8f3a1c0d5e7b9a21").toString())
                .isEqualTo("till-2 (terminal, token 8f3a1c0d5e7b9a21)");
        assertThat(new Identity("loopback", Role.ADMIN, null, Identity.Source.LOOPBACK, null).toString())
                .isEqualTo("loopback (admin, loopback)");
    }

    @Test
    void theNameIsReadBackFromHowItReadsWhateverTheNameHolds() {
        List<Identity> identities = List.of(
                new Identity("grill", Role.KITCHEN, "kitchen", Identity.Source.CERTIFICATE, "5a1f03c2"),
                new Identity("bar tablet (left)", Role.KITCHEN, "bar", Identity.Source.TOKEN, "8f3a1c0d5e7b9a21"),
                new Identity("till-2", Role.TERMINAL, null, Identity.Source.TOKEN, "8f3a1c0d5e7b9a21"),
                new Identity("loopback", Role.ADMIN, null, Identity.Source.LOOPBACK, null),
                Identity.IN_PROCESS);
        for (Identity identity : identities) {
            assertThat(Identity.nameIn(identity.toString())).isEqualTo(identity.name());
        }
    }

    @Test
    void textThatIsNoIdentityIsLeftAsItIs() {
        assertThat(Identity.nameIn("in-process")).isEqualTo("in-process");
        assertThat(Identity.nameIn("grill screen")).isEqualTo("grill screen");
        assertThat(Identity.nameIn("grill (chef, certificate 1)")).isEqualTo("grill (chef, certificate 1)");
        assertThat(Identity.nameIn(null)).isNull();
    }
}
