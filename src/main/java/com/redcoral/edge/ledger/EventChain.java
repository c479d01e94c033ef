package com.redcoral.edge.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.EventJson;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain that makes the event log tamper-evident (PROTOCOL.md §2, {@code hash}).
 *
 * <p>Algorithm, version 1:
 * <pre>
 *   canonical(e) = the event's JSON envelope without the "hash" key, object keys (all ASCII)
 *                  sorted at every level, no insignificant white space, numbers as integers
 *                  or plain decimals (no exponent)
 *   hash(e_n)    = lowercase hex of SHA-256( ASCII(hash(e_{n-1})) || UTF-8(canonical(e_n)) )
 *   hash(e_0)    = 64 zeros (the genesis value before the first event)
 * </pre>
 * Editing, removing or reordering any stored event changes every hash after it.
 */
public final class EventChain {

    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread: {@code MessageDigest.getInstance} searches the providers on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(EventChain::sha256);

    private EventChain() {}

    /** The hash of {@code event} following {@code previousHash}; the event's own hash is ignored. */
    public static String hash(String previousHash, RecordedEvent event) {
        return hash(previousHash, canonical(event));
    }

    /** The hash of an event, given by its canonical bytes, following {@code previousHash}. */
    public static String hash(String previousHash, byte[] canonical) {
        MessageDigest sha = SHA_256.get();
        sha.reset(); // in case a call before this one failed halfway
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha.update(canonical);
        return HEX.formatHex(sha.digest());
    }

    /** The event with its hash filled in from the previous one. */
    public static RecordedEvent link(String previousHash, RecordedEvent event) {
        return withHash(event, hash(previousHash, event));
    }

    /** The event's canonical form: what its hash covers, and what the store keeps. */
    public static byte[] canonical(RecordedEvent event) {
        ObjectNode tree = (ObjectNode) EventJson.toTree(event);
        tree.remove("hash");
        try {
            return Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event always serialises", e);
        }
    }

    /**
     * Reads an event back from its canonical bytes and its hash. Bytes as {@link #canonical} wrote them
     * are read in one pass ({@link EventJson#readCanonical}); anything else (edited, damaged) is read
     * strictly through a tree, so it is accepted or refused exactly as {@link EventJson#fromTree} does.
     */
    public static RecordedEvent read(String hash, byte[] canonical) {
        return withHash(EventJson.readCanonical(canonical).orElseGet(() -> readStrictly(canonical)), hash);
    }

    private static RecordedEvent readStrictly(byte[] json) {
        try {
            return EventJson.fromTree(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an order event: " + e.getMessage(), e);
        }
    }

    static RecordedEvent withHash(RecordedEvent e, String hash) {
        return new RecordedEvent(e.eventId(), e.sequence(), e.orderId(), e.timestamp(), e.operatorId(),
                e.operatorName(), e.commandId(), e.schemaVersion(), hash, e.payload());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
