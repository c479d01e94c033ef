package com.redcoral.edge.access;

import com.redcoral.edge.node.Addresses;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which bridge frames a role may send: the per-role tables of the event-bus bridge. Pure: an identity, a
 * frame's kind, its address and its body in, a verdict out.
 *
 * <ul>
 *   <li><b>terminal</b> sends to the order addresses ({@code pos.orders.command|sync|get|timeline|audit|active|quote}),
 *       {@code pos.resources.status|list|changes}, {@code pos.node.status}, {@code pos.auth.login|identity} and
 *       {@code pos.auth.operator} (an employee signing in at the till); registers for {@code pos.orders.events}
 *       and {@code pos.resources.sync}.</li>
 *   <li><b>kitchen</b> sends to {@code pos.kds.tickets|bump|recall} with its own print destination as the
 *       body's {@code destination_id}, and to {@code pos.auth.login|identity} (a kitchen has no operators);
 *       registers for {@code pos.kitchen.<its destination>} only.</li>
 *   <li><b>admin</b> sends to every address the bridge knows — those above, {@code pos.resources.command}
 *       and every {@code pos.admin.*} request address — and registers for every outbound one (those above,
 *       every {@code pos.kitchen.*}, {@code pos.admin.backup.progress}).</li>
 * </ul>
 *
 * An address the bridge does not know at all is {@link Verdict#UNKNOWN} (the bridge answers
 * {@code access_denied}, as for anyone); a known one the role may not use is {@link Verdict#REJECTED}.
 */
public final class BridgePolicy {

    /** What a frame asks for: send and publish go in (to the node), register asks for what comes out. */
    public enum Kind { SEND, PUBLISH, REGISTER }

    public enum Verdict { ALLOWED, REJECTED, UNKNOWN }

    private static final Set<String> AUTH = Set.of(Addresses.AUTH_LOGIN, Addresses.AUTH_IDENTITY);
    private static final Set<String> TERMINAL_IN = union(AUTH, Set.of(Addresses.ORDERS_COMMAND,
            Addresses.ORDERS_SYNC, Addresses.ORDERS_GET, Addresses.ORDERS_TIMELINE, Addresses.ORDERS_AUDIT,
            Addresses.ORDERS_ACTIVE, Addresses.ORDERS_QUOTE, Addresses.RESOURCES_STATUS, Addresses.RESOURCES_LIST,
            Addresses.RESOURCES_CHANGES, Addresses.NODE_STATUS, Addresses.AUTH_OPERATOR));
    private static final Set<String> KITCHEN_DESTINATION_IN = Set.of(Addresses.KDS_TICKETS, Addresses.KDS_BUMP,
            Addresses.KDS_RECALL);
    private static final Set<String> TERMINAL_OUT = Set.of(Addresses.ORDERS_EVENTS, Addresses.RESOURCES_SYNC);

    /** Every address a bridge socket may send to by name; {@link #INBOUND_PATTERN} adds the admin ones. */
    public static final Set<String> INBOUND = union(TERMINAL_IN, KITCHEN_DESTINATION_IN,
            Set.of(Addresses.RESOURCES_COMMAND));
    /**
     * The admin's request addresses, {@code pos.admin.*} but the published backup progress: new admin
     * addresses reach admin connections without a change here.
     */
    public static final String INBOUND_PATTERN = "pos\\.admin\\.(?!backup\\.progress$).+";
    /** Every address a bridge socket may register for by name; {@link #OUTBOUND_PATTERN} adds the kitchens. */
    public static final Set<String> OUTBOUND = union(TERMINAL_OUT, Set.of(Addresses.ADMIN_BACKUP_PROGRESS));
    /** The kitchen addresses, {@code pos.kitchen.<destination_id>}. */
    public static final String OUTBOUND_PATTERN = Pattern.quote(Addresses.kitchen("")) + ".+";

    private static final Pattern ADMIN_IN = Pattern.compile(INBOUND_PATTERN);
    private static final Pattern KITCHEN_OUT = Pattern.compile(OUTBOUND_PATTERN);

    private BridgePolicy() {}

    /**
     * Whether {@code identity} may send or publish {@code body} to {@code address}, or register for it.
     *
     * @param body the frame's body when it is a JSON object (its fields), else null
     */
    public static Verdict check(Identity identity, Kind kind, String address, Map<String, ?> body) {
        boolean inbound = kind != Kind.REGISTER;
        if (address == null || !(inbound ? knownInbound(address) : knownOutbound(address))) {
            return Verdict.UNKNOWN;
        }
        return allowed(identity, inbound, address, body) ? Verdict.ALLOWED : Verdict.REJECTED;
    }

    private static boolean allowed(Identity identity, boolean inbound, String address, Map<String, ?> body) {
        return switch (identity.role()) {
            case ADMIN -> true;
            case TERMINAL -> inbound ? TERMINAL_IN.contains(address) : TERMINAL_OUT.contains(address);
            case KITCHEN -> inbound
                    ? AUTH.contains(address) || KITCHEN_DESTINATION_IN.contains(address) && body != null
                            && identity.destination().equals(body.get("destination_id"))
                    : address.equals(Addresses.kitchen(identity.destination()));
        };
    }

    private static boolean knownInbound(String address) {
        return INBOUND.contains(address) || ADMIN_IN.matcher(address).matches();
    }

    private static boolean knownOutbound(String address) {
        return OUTBOUND.contains(address) || KITCHEN_OUT.matcher(address).matches();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }
}
