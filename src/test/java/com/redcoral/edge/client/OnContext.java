package com.redcoral.edge.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/** How a test thread works with something confined to a Vert.x context, such as a {@link ResourceMirror}. */
public final class OnContext {

    private OnContext() {}

    /** Runs {@code action} on {@code context} and waits for what it returns (or throws). */
    public static <T> T get(Context context, Supplier<T> action) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future().await();
    }

    /** Starts {@code action} on {@code context} and waits for its future. */
    public static <T> T await(Context context, Supplier<Future<T>> action) {
        return get(context, action).await();
    }
}
