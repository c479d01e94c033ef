package com.redcoral.edge.client;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides which frame a refusal of the bridge belongs to. A refusal
 * ({@code {"type":"err","body":"access_denied"}}) names no frame, but the bridge judges a socket's
 * frames in order and refuses at once, before it reads the next frame. So when the reply to a frame
 * arrives, that frame and every earlier one have been let through; a refusal belongs to a later
 * frame. It is charged to the oldest frame not yet known to have passed, leaving out frames to an
 * address that already passed on this connection (permissions go by address).
 *
 * <p>The one case this gets wrong: two frames to addresses new to the connection in flight at once,
 * the earlier one slow and let through, the later one refused; the earlier one is blamed.
 * Not thread-safe: it belongs to one connection's context.
 */
final class RefusalTracker {

    /** A frame sent that the bridge may refuse; {@code replyAddress} is set for requests. */
    record Frame(long number, String type, String address, String replyAddress) {
        /** Sends, publishes and requests are checked against one list, registrations against another. */
        String gate() {
            return (type.endsWith("register") ? "out " : "in ") + address;
        }
    }

    private static final int MAX_UNJUDGED = 1024;

    private final ArrayDeque<Frame> unjudged = new ArrayDeque<>();
    private final Set<String> passed = new HashSet<>();
    private long frames;

    /** Numbers a frame about to be sent, and remembers it unless its address already passed. */
    Frame sending(String type, String address, String replyAddress) {
        Frame frame = new Frame(++frames, type, address, replyAddress);
        if (!passed.contains(frame.gate())) {
            if (unjudged.size() == MAX_UNJUDGED) {
                unjudged.removeFirst();
            }
            unjudged.addLast(frame);
        }
        return frame;
    }

    /** A reply (or the failure of its handler) came for {@code request}: it and all before it passed. */
    void answered(Frame request) {
        pass(request.gate(), request.number());
    }

    /** A message came for the registration on {@code address}: it passed. */
    void delivered(String address) {
        pass("out " + address, 0);
    }

    /** The frame a refusal belongs to, or {@code null} when no frame can be blamed. */
    Frame blame() {
        return unjudged.pollFirst();
    }

    void clear() {
        unjudged.clear();
    }

    private void pass(String gate, long upTo) {
        passed.add(gate);
        unjudged.removeIf(f -> f.number() <= upTo || f.gate().equals(gate));
    }
}
