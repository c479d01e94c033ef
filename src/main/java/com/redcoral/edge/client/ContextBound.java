package com.redcoral.edge.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * The one Vert.x context an object of this package lives on (a connection, a mirror, a terminal): its
 * state is read and changed there only. Work handed in from another thread hops onto the context, in call
 * order per thread; on the context itself it runs at once. Made on the context it binds to.
 */
final class ContextBound {

    private final Context context;
    /** The context's thread when it is an event loop (always the same thread); null for a worker context. */
    private final Thread eventLoop;

    ContextBound(Context context) {
        this.context = context;
        this.eventLoop = context.isEventLoopContext() ? Thread.currentThread() : null;
    }

    Context context() {
        return context;
    }

    /** Runs {@code action} on the context: now when already there, else as soon as the context can. */
    void run(Runnable action) {
        if (Thread.currentThread() == eventLoop) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** {@link #run} for an action that answers with a future; whatever it throws fails the future. */
    <T> Future<T> call(Supplier<Future<T>> action) {
        if (Thread.currentThread() == eventLoop) {
            return attempt(action);
        }
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> attempt(action).onComplete(done));
        return done.future();
    }

    /** Throws IllegalStateException, naming {@code what}, when called off an event-loop context's thread. */
    void check(String what) {
        if (eventLoop != null && Thread.currentThread() != eventLoop) {
            throw new IllegalStateException("read " + what + " on the context it was created on");
        }
    }

    /** The action's future, or a failed one for what it threw. */
    static <T> Future<T> attempt(Supplier<Future<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
