package com.redcoral.edge.node;

import io.vertx.core.eventbus.MessageCodec;

/**
 * A codec whose local receivers get the sent object itself, not a copy: for bodies that are never
 * changed once sent. Subclasses say what happens on the wire.
 */
abstract class PassThroughCodec<T> implements MessageCodec<T, T> {

    private final String name;

    PassThroughCodec(String name) {
        this.name = name;
    }

    @Override
    public final T transform(T body) {
        return body;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final byte systemCodecID() {
        return -1; // a user codec
    }
}
