package com.redcoral.edge.certs;

import com.redcoral.edge.access.Identity;
import com.redcoral.edge.access.Role;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What a terminal certificate's subject says: {@code CN} is the terminal's name, {@code OU} its role —
 * {@code terminal}, {@code admin}, or {@code kitchen:<destination_id>} for a kitchen display of that print
 * destination. Read only from a certificate the TLS handshake has already checked against the store CA.
 */
public final class TerminalSubject {

    private static final String KITCHEN_PREFIX = Role.KITCHEN.wireName() + ":";

    private TerminalSubject() {}

    /** The {@code OU} of a terminal certificate for {@code role} (and a kitchen's destination). */
    public static String organizationalUnit(Role role, String destination) {
        if ((role == Role.KITCHEN) != (destination != null)) {
            throw new IllegalArgumentException(role == Role.KITCHEN
                    ? "a kitchen certificate needs its print destination" : "only a kitchen certificate has one");
        }
        return role == Role.KITCHEN ? KITCHEN_PREFIX + destination : role.wireName();
    }

    /**
     * Who a connection presenting {@code certificate} is; IllegalArgumentException, saying why, for a
     * subject that names no terminal (no single {@code CN}, or an {@code OU} that is no role — the node's
     * own certificate, for one).
     */
    public static Identity identity(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String name = single(subject, BCStyle.CN, "CN");
        String unit = single(subject, BCStyle.OU, "OU");
        Role role;
        String destination = null;
        if (unit.startsWith(KITCHEN_PREFIX) && unit.length() > KITCHEN_PREFIX.length()) {
            role = Role.KITCHEN;
            destination = unit.substring(KITCHEN_PREFIX.length());
        } else if (unit.equals(Role.TERMINAL.wireName()) || unit.equals(Role.ADMIN.wireName())) {
            role = Role.parse(unit);
        } else {
            throw new IllegalArgumentException("the certificate's OU " + unit + " is not terminal, admin or "
                    + "kitchen:<destination_id>");
        }
        return new Identity(name, role, destination, Identity.Source.CERTIFICATE, serial(certificate));
    }

    /** The serial number as the credential book keeps it: lower-case hex without leading zeros. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static String single(X500Name subject, ASN1ObjectIdentifier type, String label) {
        RDN[] rdns = subject.getRDNs(type);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            throw new IllegalArgumentException("the certificate's subject must hold exactly one " + label);
        }
        String value = IETFUtils.valueToString(rdns[0].getFirst().getValue());
        if (value.isBlank()) {
            throw new IllegalArgumentException("the certificate's " + label + " is empty");
        }
        return value;
    }
}
