package com.redcoral.edge.client;

import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The reading side of a {@link ResourceMirror}: what a {@link Terminal} shows of the resources it keeps,
 * without the calls that feed and reload the mirror (those are the terminal's own). Read it on the
 * mirror's context, as {@link ResourceMirror} says.
 */
public interface ResourceView {

    /** The node's epoch, as of the last status answered; empty before. */
    Optional<String> epoch();

    /** The type's version: its items are the node's as of this version. */
    ResourceVersion version(ResourceType type);

    /** Copies of the type's items, in id order. */
    List<JsonObject> items(ResourceType type);

    /** A copy of one item, if the mirror has it. */
    Optional<JsonObject> item(ResourceType type, String id);

    /** True when the type's last catch-up failed: it is behind the node until a retry succeeds. */
    boolean isStale(ResourceType type);

    /** What the mirror has done since it was created. */
    ResourceMirror.Stats stats();
}
