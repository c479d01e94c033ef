package com.redcoral.edge.order;

import com.redcoral.edge.order.OrderEvent.Action;
import com.redcoral.edge.order.OrderEvent.AddedItem;
import com.redcoral.edge.order.OrderEvent.ItemModified;
import com.redcoral.edge.order.OrderEvent.ItemRemoved;
import com.redcoral.edge.order.OrderEvent.ItemResult;
import com.redcoral.edge.order.OrderEvent.ItemsAdded;
import com.redcoral.edge.order.OrderEvent.OrderCompleted;
import com.redcoral.edge.order.OrderEvent.OrderInfoUpdated;
import com.redcoral.edge.order.OrderEvent.OrderMerged;
import com.redcoral.edge.order.OrderEvent.OrderMergedOut;
import com.redcoral.edge.order.OrderEvent.OrderMoved;
import com.redcoral.edge.order.OrderEvent.OrderMovedOut;
import com.redcoral.edge.order.OrderEvent.OrderSplit;
import com.redcoral.edge.order.OrderEvent.OrderVoided;
import com.redcoral.edge.order.OrderEvent.PaymentAdded;
import com.redcoral.edge.order.OrderEvent.PaymentCancelled;
import com.redcoral.edge.order.OrderEvent.SurchargeExemptSet;
import com.redcoral.edge.order.OrderEvent.TableOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit trail as a store manager reads it: each committed event as one English sentence that
 * says who did what, to how many of which item, with which result, and who approved it —
 * "Zhang San applied a 50% discount to 2 of 4 Cola (5d5cbd), approved by Li: 2 stay at full price
 * (5d5cbd), 2 now discounted (46fa59)".
 *
 * <p>How things are named:
 * <ul>
 *   <li>an order line is its product's name and, in brackets, the first {@value #SHORT_ID} characters of
 *       its instance id, then its spec, options and note: {@code Burger (aacaf0, well done, with extra
 *       cheese and no onion)}. Six hex digits tell the lines of one order apart (two lines of an order
 *       share them about once in 300,000 orders of 50 lines); the full ids are in
 *       {@code pos.orders.timeline};</li>
 *   <li>a payment is {@code payment} and the first {@value #SHORT_ID} characters of its id; another
 *       order is named by its full id, as {@code admin orders show} takes it;</li>
 *   <li>money is in major units with two decimals ({@link Money#text}), percentages as {@code 12.5%};</li>
 *   <li>free text typed at a till (reasons, notes, counter labels) is quoted.</li>
 * </ul>
 * Sentences are for people and may be reworded; scripts read the events themselves.
 */
public final class AuditSentence {

    /** How many characters of an instance or payment id a sentence shows. */
    public static final int SHORT_ID = 6;

    private AuditSentence() {}

    /** The sentence for one committed event. */
    public static String of(RecordedEvent event) {
        Phrase phrase = switch (event.payload()) {
            case TableOpened e -> new Phrase(opened(e));
            case ItemsAdded e -> new Phrase("added " + and(e.items().stream().map(AuditSentence::added).toList()));
            case ItemModified e -> modified(e);
            case ItemRemoved e -> removed(e);
            case PaymentAdded e -> new Phrase("took " + payment(e.paymentId(), e.amount(), e.method())
                    + (e.tendered() == null ? "" : ", tendered " + Money.text(e.tendered()))
                    + (e.change() == null ? "" : ", change " + Money.text(e.change()))
                    + (e.reference() == null ? "" : ", reference " + quote(e.reference())));
            case PaymentCancelled e -> new Phrase("cancelled " + payment(e.paymentId(), e.amount(), e.method())
                    + because(e.reason()));
            case OrderSplit e -> new Phrase("split the bill, taking " + payment(e.paymentId(), e.splitAmount(),
                    e.paymentMethod()) + (e.items().isEmpty() ? "" : " for " + and(e.items().stream()
                    .map(i -> i.quantity() + " " + i.name() + " (" + shortId(i.instanceId()) + ")").toList())));
            case OrderMovedOut e -> new Phrase("took the order off " + place(e.fromTableId(), e.fromTableName())
                    + " to move it to " + place(e.toTableId(), e.toTableName()));
            case OrderMoved e -> new Phrase("moved the order from " + place(e.fromTableId(), e.fromTableName())
                    + " to " + place(e.toTableId(), e.toTableName()) + ", with " + surcharge(e.surchargePercent()));
            case OrderMergedOut e -> new Phrase("merged this order into order " + e.targetOrderId() + " at "
                    + place(e.targetTableId(), e.targetTableName()) + carried("moving", e.items(), e.payments()));
            case OrderMerged e -> new Phrase("merged order " + e.sourceOrderId() + " from "
                    + place(e.sourceTableId(), e.sourceTableName()) + " into this order"
                    + carried("bringing", e.items(), e.payments()));
            case SurchargeExemptSet e -> new Phrase((e.exempt() ? "waived" : "restored") + " the surcharge on the order");
            case OrderInfoUpdated e -> new Phrase(infoUpdated(e));
            case OrderCompleted e -> new Phrase("completed the order with receipt " + e.receiptNumber() + " (total "
                    + Money.text(e.total()) + ", paid " + Money.text(e.paidTotal()) + ")");
            case OrderVoided e -> new Phrase("voided the order" + because(e.reason()));
        };
        StringBuilder sentence = new StringBuilder(name(event.operatorName(), event.operatorId())).append(' ')
                .append(phrase.action());
        if (event.payload() instanceof OrderEvent.Approved approved && approved.authorizerId() != null) {
            sentence.append(", approved by ").append(name(approved.authorizerName(), approved.authorizerId()));
        }
        if (phrase.result() != null) {
            sentence.append(": ").append(phrase.result());
        }
        return sentence.toString();
    }

    /** The first {@value #SHORT_ID} characters of an instance or payment id (all of a shorter one). */
    public static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(SHORT_ID, id.length()));
    }

    /** What was done, and after the approval what came of it (null when the action says it all). */
    private record Phrase(String action, String result) {
        Phrase(String action) {
            this(action, null);
        }
    }

    // ------------------------------------------------------------------------------ the events

    private static String opened(TableOpened e) {
        StringBuilder s = new StringBuilder(e.tableId() == null
                ? "opened a counter order" + (e.tableName() == null ? "" : " " + quote(e.tableName()))
                : "opened " + place(e.tableId(), e.tableName()));
        if (e.guestCount() != null) {
            s.append(" for ").append(count(e.guestCount(), "guest"));
        }
        if (e.surchargePercent() != null && !e.surchargePercent().isZero()) {
            s.append(", with a ").append(e.surchargePercent()).append(" surcharge");
        }
        if (e.note() != null) {
            s.append(", note ").append(quote(e.note()));
        }
        return s.toString();
    }

    private static String added(AddedItem i) {
        return i.quantity() + " " + line(i.name(), i.instanceId(), i.spec(), i.options(), i.note()) + " at "
                + Money.text(i.price()) + (i.quantity() > 1 ? " each" : "")
                + (i.price() != i.catalogPrice() ? " instead of " + Money.text(i.catalogPrice()) : "")
                + (i.discountPercent().isZero() ? "" : " less " + i.discountPercent());
    }

    /** One attribute of a line that a modification can change. */
    private enum Attribute { PRICE, DISCOUNT, OPTIONS, SPEC, NOTE }

    private static Phrase modified(ItemModified e) {
        Line source = e.source();
        ItemResult moved = e.results().stream().filter(r -> r.action() == Action.CREATED
                || r.action() == Action.UPDATED || r.action() == Action.MERGED).findFirst().orElse(null);
        String units = (e.affectedQuantity() < source.quantity() ? e.affectedQuantity() + " of " : "")
                + source.quantity() + " " + line(source.name(), source.instanceId(), source.spec(), source.options(),
                source.note());
        List<Attribute> changed = new ArrayList<>();
        if (moved != null) {
            for (Attribute attribute : Attribute.values()) {
                if (!Objects.equals(valueOf(attribute, source), valueOf(attribute, moved))) {
                    changed.add(attribute);
                }
            }
        }
        boolean discountOnly = changed.equals(List.of(Attribute.DISCOUNT));
        boolean applied = discountOnly && source.discountPercent().isZero();
        String action;
        if (applied) {
            action = "applied a " + moved.discountPercent() + " discount to " + units;
        } else if (discountOnly && moved.discountPercent().isZero()) {
            action = "removed the " + source.discountPercent() + " discount from " + units;
        } else if (changed.isEmpty()) {
            action = "changed " + units;
        } else {
            List<String> clauses = new ArrayList<>();
            for (Attribute attribute : changed) {
                clauses.add((clauses.isEmpty() ? "the " + label(attribute) + " of " + units : "its " + label(attribute))
                        + " from " + shown(attribute, valueOf(attribute, source)) + " to "
                        + shown(attribute, valueOf(attribute, moved)));
            }
            action = "changed " + and(clauses);
        }
        List<String> results = new ArrayList<>();
        for (ItemResult r : e.results()) {
            String id = " (" + shortId(r.instanceId()) + ")";
            results.add(switch (r.action()) {
                case UNCHANGED -> r.quantity() + (r.quantity() == 1 ? " stays " : " stay ")
                        + state(changed, source, false) + id;
                case REMOVED -> "none left " + state(changed, source, false) + id;
                case CREATED, UPDATED -> r.quantity() + " now " + state(changed, r, applied) + id;
                case MERGED -> e.affectedQuantity() + " now " + state(changed, r, applied) + ", making "
                        + r.quantity() + id;
            });
        }
        return new Phrase(action, results.isEmpty() ? null : String.join(", ", results));
    }

    private static Phrase removed(ItemRemoved e) {
        int before = e.quantity() + e.remainingQuantity();
        return new Phrase("removed " + (e.quantity() < before ? e.quantity() + " of " : "") + before + " " + e.name()
                + " (" + shortId(e.instanceId()) + ") worth "
                + Money.text(Money.lineTotal(e.price(), e.quantity(), e.discountPercent())) + because(e.reason()),
                e.remainingQuantity() == 0 ? "none left" : e.remainingQuantity() + " left");
    }

    private static String infoUpdated(OrderInfoUpdated e) {
        List<String> set = new ArrayList<>();
        if (e.guestCount() != null) {
            set.add("the guest count to " + e.guestCount());
        }
        if (e.tableName() != null) {
            set.add("the table name to " + quote(e.tableName()));
        }
        if (e.note() != null) {
            set.add("the note to " + quote(e.note()));
        }
        return set.isEmpty() ? "updated the order" : "set " + and(set);
    }

    /** What a merge took along: its lines and standing payments. */
    private static String carried(String verb, List<Line> items, List<Payment> payments) {
        List<String> parts = new ArrayList<>();
        items.forEach(l -> parts.add(l.quantity() + " " + line(l.name(), l.instanceId(), l.spec(), l.options(),
                l.note())));
        payments.forEach(p -> parts.add(payment(p.paymentId(), p.amount(), p.method())));
        return parts.isEmpty() ? ", with nothing on it" : ", " + verb + " " + and(parts);
    }

    // ------------------------------------------------------------------- attributes and states

    private static Object valueOf(Attribute attribute, Line line) {
        return switch (attribute) {
            case PRICE -> line.price();
            case DISCOUNT -> line.discountPercent();
            case OPTIONS -> line.options();
            case SPEC -> line.spec();
            case NOTE -> line.note();
        };
    }

    private static Object valueOf(Attribute attribute, ItemResult result) {
        return switch (attribute) {
            case PRICE -> result.price();
            case DISCOUNT -> result.discountPercent();
            case OPTIONS -> result.options();
            case SPEC -> result.spec();
            case NOTE -> result.note();
        };
    }

    private static String label(Attribute attribute) {
        return switch (attribute) {
            case PRICE -> "price";
            case DISCOUNT -> "discount";
            case OPTIONS -> "options";
            case SPEC -> "spec";
            case NOTE -> "note";
        };
    }

    /** A value in "from … to …". */
    private static String shown(Attribute attribute, Object value) {
        return switch (attribute) {
            case PRICE -> Money.text((Long) value);
            case DISCOUNT -> ((Percent) value).isZero() ? "none" : value.toString();
            case OPTIONS -> options(value).isEmpty() ? "none" : and(options(value));
            case SPEC -> value == null ? "none" : value.toString();
            case NOTE -> value == null ? "none" : quote(value.toString());
        };
    }

    /** How units stand in the changed attributes: "at full price", "at 2.50 and discounted". */
    private static String state(List<Attribute> changed, Line line, boolean discounted) {
        return state(changed, a -> valueOf(a, line), discounted);
    }

    private static String state(List<Attribute> changed, ItemResult result, boolean discounted) {
        return state(changed, a -> valueOf(a, result), discounted);
    }

    private static String state(List<Attribute> changed, java.util.function.Function<Attribute, Object> value,
                                boolean discounted) {
        List<String> parts = new ArrayList<>();
        for (Attribute attribute : changed) {
            Object v = value.apply(attribute);
            parts.add(switch (attribute) {
                case PRICE -> "at " + Money.text((Long) v);
                case DISCOUNT -> ((Percent) v).isZero() ? "at full price" : discounted ? "discounted" : "at " + v + " off";
                case OPTIONS -> options(v).isEmpty() ? "without options" : "with " + and(options(v));
                case SPEC -> v == null ? "without a spec" : v.toString();
                case NOTE -> v == null ? "without a note" : "noted " + quote(v.toString());
            });
        }
        return parts.isEmpty() ? "as they were" : and(parts);
    }

    @SuppressWarnings("unchecked")
    private static List<String> options(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    // ---------------------------------------------------------------------------------- words

    private static String line(String name, String instanceId, String spec, List<String> options, String note) {
        StringBuilder s = new StringBuilder(name).append(" (").append(shortId(instanceId));
        if (spec != null) {
            s.append(", ").append(spec);
        }
        if (options != null && !options.isEmpty()) {
            s.append(", with ").append(and(options));
        }
        if (note != null) {
            s.append(", note ").append(quote(note));
        }
        return s.append(')').toString();
    }

    private static String payment(String paymentId, long amount, String method) {
        return "payment " + shortId(paymentId) + " of " + Money.text(amount) + " by " + method;
    }

    /** A table by its name, else its id; an order at no table stands at the counter. */
    private static String place(String tableId, String tableName) {
        if (tableId == null) {
            return "the counter";
        }
        return tableName != null ? tableName : "table " + tableId;
    }

    private static String surcharge(Percent percent) {
        return percent == null || percent.isZero() ? "no surcharge" : "a " + percent + " surcharge";
    }

    private static String because(String reason) {
        return reason == null ? "" : " because " + quote(reason);
    }

    private static String name(String name, String id) {
        return name != null ? name : id != null ? id : "someone";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> parts) {
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "" : parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }
}
