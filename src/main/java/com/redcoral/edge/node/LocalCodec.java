package com.redcoral.edge.node;

import io.vertx.core.buffer.Buffer;

/**
 * Passes immutable Java records between verticles of one JVM as they are: no copy, no JSON.
 * {@link EdgeNode} selects it for every record body. Such messages travel only to local
 * consumers; one that would leave the JVM is a wiring mistake and fails loudly.
 */
final class LocalCodec extends PassThroughCodec<Record> {

    static final String NAME = "redcoral.local";

    LocalCodec() {
        super(NAME);
    }

    @Override
    public void encodeToWire(Buffer buffer, Record record) {
        throw new IllegalStateException(record.getClass().getSimpleName()
                + " is an in-JVM message; across the network the node speaks JSON (PROTOCOL.md)");
    }

    @Override
    public Record decodeFromWire(int pos, Buffer buffer) {
        throw new IllegalStateException("in-JVM messages never arrive from the network");
    }
}
