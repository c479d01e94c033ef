package com.redcoral.edge.kitchen;

import com.redcoral.edge.access.Identity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a headless kitchen display has shown, and what it prints next: each ticket as it arrives, and on every
 * (re)connect whatever is new or changed since it last saw the tickets. It remembers the last version of each
 * ticket it printed, so a change that reaches it twice (live and in the list it asks for after connecting) or
 * late (an older version after a newer one) prints nothing.
 *
 * <p>Pure: tickets in, lines of text out. Times are shown in {@code zone}.
 */
public final class KitchenScreen {

    private static final String INDENT = "            ";

    private final DateTimeFormatter minutes;
    private final DateTimeFormatter seconds;
    private final Map<TicketKey, KitchenTicket> shown = new TreeMap<>();
    private boolean connectedBefore;

    public KitchenScreen(ZoneId zone) {
        this.minutes = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        this.seconds = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /**
     * The destination's tickets as the node lists them after a (re)connect, at {@code now}: the lines for
     * what this screen has not shown yet, then one line saying so. On the first connect that is every open
     * ticket; afterwards also what was bumped, recalled, cancelled or moved meanwhile, and the open tickets
     * it showed that are gone from the list (done longer than the recall window ago, or given up).
     */
    public List<String> listed(List<KitchenTicket> tickets, long now) {
        List<String> lines = new ArrayList<>();
        Map<TicketKey, KitchenTicket> listed = new LinkedHashMap<>();
        tickets.forEach(t -> listed.put(t.key(), t));
        int fresh = 0;
        int changed = 0;
        for (KitchenTicket ticket : tickets) {
            KitchenTicket before = shown.get(ticket.key());
            if (before != null && before.version() >= ticket.version()) {
                continue;
            }
            if (before == null && !connectedBefore && ticket.status() != TicketStatus.OPEN) {
                shown.put(ticket.key(), ticket); // done before this display started: nothing to do about it
                continue;
            }
            lines.addAll(notice(before, ticket));
            shown.put(ticket.key(), ticket);
            if (before == null) {
                fresh++;
            } else {
                changed++;
            }
        }
        for (KitchenTicket gone : List.copyOf(shown.values())) {
            if (!listed.containsKey(gone.key())) {
                shown.remove(gone.key());
                if (gone.status() == TicketStatus.OPEN) {
                    lines.add(header(null, "GONE", gone) + ": done, cancelled or given up while this display was away");
                    changed++;
                }
            }
        }
        long open = shown.values().stream().filter(t -> t.status() == TicketStatus.OPEN).count();
        lines.add(seconds.format(Instant.ofEpochMilli(now)) + "  " + (connectedBefore
                ? "reconnected: " + fresh + " new, " + changed + " changed while away; " : "connected: ")
                + open + " open " + (open == 1 ? "ticket" : "tickets"));
        connectedBefore = true;
        return lines;
    }

    /** A ticket as published after a change: its lines, or none when this screen has shown that version (or a later one). */
    public List<String> received(KitchenTicket ticket) {
        KitchenTicket before = shown.get(ticket.key());
        if (before != null && before.version() >= ticket.version()) {
            return List.of();
        }
        shown.put(ticket.key(), ticket);
        return notice(before, ticket);
    }

    /** A status line of the display itself ({@code disconnected}, {@code stopped}), stamped with {@code now}. */
    public String status(String text, long now) {
        return seconds.format(Instant.ofEpochMilli(now)) + "  " + text;
    }

    /** What changed from {@code before} (null: never shown) to {@code now}, as a cook reads it. */
    private List<String> notice(KitchenTicket before, KitchenTicket now) {
        List<String> lines = new ArrayList<>();
        if (before == null) {
            switch (now.status()) {
                case OPEN -> {
                    lines.add(header(now.createdAt(), "NEW", now) + "  (" + now.operatorName() + ")");
                    lines.addAll(items(now));
                }
                case BUMPED -> lines.add(header(now.updatedAt(), "DONE", now) + ": made and bumped while this "
                        + "display was away" + by(now.bumpedBy()));
                case CANCELLED -> lines.add(header(now.updatedAt(), "CANCELLED", now) + ": rung up and cancelled "
                        + "while this display was away");
            }
            return lines;
        }
        String where = Objects.equals(before.tableName(), now.tableName()) ? "" : ", moved from " + place(before);
        if (now.status() == TicketStatus.CANCELLED && before.status() != TicketStatus.CANCELLED) {
            lines.add(header(now.updatedAt(), "CANCELLED", now) + ": do not make "
                    + describe(liveOf(before)) + where);
        } else if (now.status() == TicketStatus.BUMPED && before.status() != TicketStatus.BUMPED) {
            lines.add(header(now.updatedAt(), "DONE", now) + by(now.bumpedBy()) + where);
        } else if (now.status() == TicketStatus.OPEN && before.status() == TicketStatus.BUMPED) {
            lines.add(header(now.updatedAt(), "RECALLED", now) + by(now.recalledBy()) + where);
            lines.addAll(items(now));
        } else {
            String changes = itemChanges(before, now);
            if (changes.isEmpty()) {
                lines.add(header(now.updatedAt(), "MOVED", now) + where);
            } else {
                lines.add(header(now.updatedAt(), "CHANGED", now) + ": " + changes + where);
                lines.addAll(items(now));
            }
        }
        return lines;
    }

    /** {@code 12:04  CHANGED    #42  Table 4} — time, what happened, the ticket's number and where the food goes. */
    private String header(Long at, String what, KitchenTicket ticket) {
        String time = at == null ? "     " : minutes.format(Instant.ofEpochMilli(at));
        return time + "  " + String.format("%-9s", what) + "  #" + ticket.ticketId() + "  " + place(ticket);
    }

    /** The dishes still to be made and those cancelled, one line each, with how they are made. */
    private static List<String> items(KitchenTicket ticket) {
        List<String> lines = new ArrayList<>();
        for (TicketItem item : ticket.items()) {
            lines.add(INDENT + String.format("%2d", item.live()) + " x " + dish(item)
                    + (item.cancelledQuantity() == 0 ? "" : "   (" + item.cancelledQuantity() + " cancelled)"));
            if (item.note() != null) {
                lines.add(INDENT + "       note: " + item.note());
            }
        }
        return lines;
    }

    /** {@code Club sandwich [no mayo, extra cheese] large}. */
    private static String dish(TicketItem item) {
        return item.name() + (item.options().isEmpty() ? "" : " [" + String.join(", ", item.options()) + "]")
                + (item.spec() == null ? "" : " " + item.spec());
    }

    /** A dish in one phrase, its note too: {@code Club sandwich [no mayo] large (note: allergy)}. */
    private static String label(TicketItem item) {
        return dish(item) + (item.note() == null ? "" : " (note: " + item.note() + ")");
    }

    /** {@code 1 x Club sandwich cancelled, 1 x Club sandwich [no onion] added}. */
    private static String itemChanges(KitchenTicket before, KitchenTicket now) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // dish → {live before, cancelled before, live now, cancelled now}
        Map<String, String> names = new LinkedHashMap<>();
        for (TicketItem item : before.items()) {
            int[] c = counts.computeIfAbsent(key(item), k -> new int[4]);
            c[0] += item.live();
            c[1] += item.cancelledQuantity();
            names.putIfAbsent(key(item), label(item));
        }
        for (TicketItem item : now.items()) {
            int[] c = counts.computeIfAbsent(key(item), k -> new int[4]);
            c[2] += item.live();
            c[3] += item.cancelledQuantity();
            names.putIfAbsent(key(item), label(item));
        }
        List<String> changes = new ArrayList<>();
        counts.forEach((key, c) -> {
            int cancelled = c[3] - c[1];
            int added = c[2] - c[0] + cancelled;
            if (cancelled > 0) {
                changes.add(cancelled + " x " + names.get(key) + " cancelled");
            }
            if (added > 0) {
                changes.add(added + " x " + names.get(key) + " added");
            }
        });
        return String.join(", ", changes);
    }

    private static String key(TicketItem item) {
        return item.productId() + "\0" + item.name() + "\0" + item.options() + "\0" + item.spec() + "\0" + item.note();
    }

    private static List<TicketItem> liveOf(KitchenTicket ticket) {
        return ticket.items().stream().filter(i -> i.live() > 0).toList();
    }

    private static String describe(List<TicketItem> items) {
        return items.isEmpty() ? "anything more"
                : items.stream().map(i -> i.live() + " x " + label(i)).collect(Collectors.joining(", "));
    }

    private static String place(KitchenTicket ticket) {
        if (ticket.tableName() != null) {
            return ticket.tableName();
        }
        return "order " + ticket.orderId().substring(0, Math.min(8, ticket.orderId().length()));
    }

    /**
     * {@code  (by grill)}: who bumped or recalled, by name. The ticket keeps the whole identity the node knew the
     * connection by ({@code grill (kitchen of kitchen, certificate 5a1f…)}); a cook needs the name.
     */
    private static String by(String who) {
        return who == null ? "" : " (by " + Identity.nameIn(who) + ")";
    }
}
