package com.redcoral.edge.node;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * JSON bodies the node builds once and never changes afterwards (published events, sync and
 * snapshot replies): local consumers — every bridge socket among them — share the one instance
 * instead of each getting a deep copy; across the network it is plain JSON. Receivers must not
 * modify what they get.
 */
final class SharedJsonCodec extends PassThroughCodec<JsonObject> {

    static final String NAME = "redcoral.shared-json";

    SharedJsonCodec() {
        super(NAME);
    }

    @Override
    public void encodeToWire(Buffer buffer, JsonObject json) {
        Buffer encoded = json.toBuffer();
        buffer.appendInt(encoded.length());
        buffer.appendBuffer(encoded);
    }

    @Override
    public JsonObject decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    }
}
